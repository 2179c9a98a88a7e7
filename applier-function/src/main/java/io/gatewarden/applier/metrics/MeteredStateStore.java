package io.gatewarden.applier.metrics;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.applier.store.StateStore;
import java.util.List;
import java.util.Optional;

/** A state store that counts every outcome it records ({@code Outcomes} by kind) and notes it for the event's log. */
public final class MeteredStateStore implements StateStore {

    private final StateStore store;

    public MeteredStateStore(StateStore store) {
        this.store = store;
    }

    @Override
    public void intend(OwnerKey owner, List<OwnerKey> parents, String realized) {
        store.intend(owner, parents, realized);
    }

    @Override
    public void observed(OwnerKey owner, String uid, String digest) {
        store.observed(owner, uid, digest);
    }

    @Override
    public void setOutcome(OwnerKey owner, String status, String reason, String detail, boolean deleted) {
        store.setOutcome(owner, status, reason, detail, deleted);
        ApplierMetrics.current().outcome(owner.kind(), deleted ? "Deleted" : status);
        EventRecord.outcome(owner.id(), deleted ? "Deleted" : status, detail);
    }

    @Override
    public Optional<ObjectState> settle(OwnerKey owner, java.util.Set<String> from, String status, String reason) {
        Optional<ObjectState> s = store.settle(owner, from, status, reason);
        s.ifPresent(written -> ApplierMetrics.current().outcome(owner.kind(), status));
        return s;
    }

    @Override
    public void record(OwnerKey owner, String status, String detail, List<OwnerKey> parents, String uid,
            String digest) {
        store.record(owner, status, detail, parents, uid, digest);
        ApplierMetrics.current().outcome(owner.kind(), status);
        EventRecord.outcome(owner.id(), status, detail);
    }

    @Override
    public Optional<ObjectState> load(OwnerKey owner) {
        return store.load(owner);
    }

    @Override
    public void recordFailure(OwnerKey owner, String reason) {
        store.recordFailure(owner, reason);
    }

    @Override
    public Optional<String> lastFailure(OwnerKey owner) {
        return store.lastFailure(owner);
    }

    @Override
    public List<ObjectState> all(String cluster) {
        return store.all(cluster);
    }
}
