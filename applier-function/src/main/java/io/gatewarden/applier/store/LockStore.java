package io.gatewarden.applier.store;

import java.time.Duration;

/**
 * Short leases that serialize the applies of one load-balancer object across concurrent invocations: the events
 * of a Gateway and of its member Services are different FIFO groups, so without a lease two of them could build
 * and undo the same virtual service at once. A held lease is renewed while its holder lives, and the holder checks
 * it ({@link Lease#check()}) before every controller write: a holder that lost it (paused past its hold, taken over)
 * stops before its next write instead of overwriting the new holder's work.
 */
public interface LockStore {

    /** A held lease; closing it releases it (only if still ours). */
    interface Lease extends AutoCloseable {
        @Override
        void close();

        /**
         * Fencing before a write: throws {@link LeaseLostException} (retryable) when this lease can no longer be
         * shown to be ours. The controllers take no fencing token, so this bounds an overlap to one write in flight.
         */
        default void check() {
        }
    }

    /**
     * Takes the lease on {@code name}, waiting up to {@code wait}; a lease older than {@code hold} is taken
     * over (its holder died).
     *
     * @throws StoreConflictException when it is still held after {@code wait} (retryable)
     */
    Lease acquire(String name, Duration hold, Duration wait);
}
