package io.gatewarden.applier.store;

import io.gatewarden.applier.allocation.OwnerKey;
import io.gatewarden.model.event.ChangeEvent;
import java.util.List;
import java.util.Optional;

/** Per-object state: event ordering (idempotency) and outcome. */
public interface StateStore {

    /**
     * Records {@code event} as the object's latest unless a newer event (later admission, or a higher generation
     * of the same object) or this very event was recorded already.
     *
     * @return false when the event is older than what was applied: skip it
     */
    boolean recordIfNewer(OwnerKey owner, ChangeEvent event);

    /** Sets the outcome of the object's latest event. */
    void setOutcome(OwnerKey owner, String status, String reason, String detail, boolean deleted);

    Optional<ObjectState> load(OwnerKey owner);

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
