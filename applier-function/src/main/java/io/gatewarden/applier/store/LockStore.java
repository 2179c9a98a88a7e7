package io.gatewarden.applier.store;

import java.time.Duration;

/**
 * Short leases that serialize the applies of one load-balancer object across concurrent invocations: the events
 * of a Gateway and of its member Services are different FIFO groups, so without a lease two of them could build
 * and undo the same virtual service at once.
 */
public interface LockStore {

    /** A held lease; closing it releases it (only if still ours). */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the lease on {@code name}, waiting up to {@code wait}; a lease older than {@code hold} is taken
     * over (its holder died).
     *
     * @throws StoreConflictException when it is still held after {@code wait} (retryable)
     */
    Lease acquire(String name, Duration hold, Duration wait);
}
