package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import java.util.List;
import java.util.Optional;

/** Per-object state: outcome, what the object was last handled at, and what it may hold on a load balancer. */
public interface StateStore {

    /**
     * Write-ahead, before anything is applied: the parents the object may be part of and the load-balancer object
     * of its own that may come to exist. A crash after this leaves enough to clean up later.
     */
    void intend(OwnerKey owner, List<OwnerKey> parents, String realized);

    /** Sets the outcome of handling the object. */
    void setOutcome(OwnerKey owner, String status, String reason, String detail, boolean deleted);

    /**
     * The object's uid and digest as handled (null, null after it is gone): a hint about the same content again
     * changes nothing.
     */
    void observed(OwnerKey owner, String uid, String digest);

    Optional<ObjectState> load(OwnerKey owner);

    /**
     * {@link #intend}, {@link #setOutcome} and {@link #observed} in one write, for an object whose outcome is
     * settled by a later build (an Ingress waiting for its shard): one request instead of three.
     */
    void record(OwnerKey owner, String status, String detail, List<OwnerKey> parents, String uid, String digest);

    /**
     * Sets the outcome only if the state's status is one of {@code from} (one conditional write, no read).
     *
     * @return the state as written, empty when its status was another (or it has none)
     */
    Optional<ObjectState> settle(OwnerKey owner, java.util.Set<String> from, String status, String reason);

    /**
     * Notes why handling the object's message failed (it will be retried, and may end in the dead-letter queue):
     * {@code gatewarden dlq list} shows it. Keeps the outcome as it is.
     */
    void recordFailure(OwnerKey owner, String reason);

    /** The last failure {@link #recordFailure} noted, if any. */
    Optional<String> lastFailure(OwnerKey owner);

    /** Every object state of a cluster (for the periodic reconcile, not for admission-time work). */
    List<ObjectState> all(String cluster);
}
