package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import java.util.Collection;
import java.util.Set;

/**
 * Build generations of load-balancer parents (Ingress shards, dedicated hosts): a child that changed raises its
 * parent's dirty generation; a build applies everything up to the dirty generation it read, then records it as
 * applied. A build job whose generation is already applied has nothing to do: bursts collapse.
 */
public interface GenerationStore {

    /**
     * What is known of a parent's builds.
     *
     * @param dirty   the highest generation asked for
     * @param applied the highest generation built and applied
     * @param pending children waiting for a build to show them Applied
     * @param jobSentAtMillis when a build job was last sent for it (epoch milliseconds), 0 when never
     */
    record Generation(long dirty, long applied, Set<OwnerKey> pending, long jobSentAtMillis) {
    }

    /**
     * Raises the parent's dirty generation and, when {@code child} is not null, adds it to the children waiting
     * for the build. One atomic write.
     *
     * @return the generations as this write left them (its dirty one is what a build job would carry); the
     *         waiting children are not returned
     */
    Generation markDirty(OwnerKey parent, OwnerKey child);

    /** Notes that a build job was sent for the parent at {@code atMillis}. */
    void jobSent(OwnerKey parent, long atMillis);

    Generation load(OwnerKey parent);

    /**
     * Records {@code generation} as applied and takes {@code settled} off the waiting children, unless an equal or
     * later generation was recorded already.
     *
     * @return false when it was
     */
    boolean markApplied(OwnerKey parent, long generation, Collection<OwnerKey> settled);
}
