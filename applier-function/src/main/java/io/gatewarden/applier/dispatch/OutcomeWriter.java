package io.gatewarden.applier.dispatch;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.metrics.EventRecord;
import io.gatewarden.applier.outcome.Change;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.applier.outcome.Shown;
import io.gatewarden.applier.status.StatusReporter;
import io.gatewarden.applier.store.AllocationStore;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.applier.store.StateStore;
import io.gatewarden.model.k8s.KubernetesObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where outcomes are written, for child events ({@code handler.ChangeProcessor}) and parent builds
 * ({@code build.ParentBuilds}) alike. In this order: the state (the table is the applier's memory, so it goes
 * first), what the object shows (status by server-side apply), its Warning Events, then the addresses it no longer
 * needs (free last: the load balancer was re-pointed or cleared before the outcome was decided). A problem to retry
 * is rethrown at the end.
 */
public class OutcomeWriter {

    private final StateStore states;
    private final AllocationStore allocations;
    private final StatusReporter status;

    public OutcomeWriter(StateStore states, AllocationStore allocations, StatusReporter status) {
        this.states = states;
        this.allocations = allocations;
        this.status = status;
    }

    /**
     * Writes the outcome of handling {@code change}. An outcome with a placement (an Ingress) is one write: its
     * placement, its outcome, the content handled, and ahead of the builds every parent it was or will be on.
     */
    public void write(Change change, Outcome o) {
        OwnerKey owner = change.owner();
        if (o.vip() != null) {
            EventRecord.vip(o.vip());
        }
        if (o.status() != null && o.placement() != null) {
            KubernetesObject object = change.object();
            states.record(owner, o.status().word(), o.placement().detail(),
                    change.parentsBeforeAnd(o.placement().parents()), object.metadata().uid(), change.digest());
        } else if (o.status() != null) {
            states.setOutcome(owner, o.status().word(), o.reason(), null, o.status() == Outcome.Status.DELETED);
        }
        KubernetesObject object = change.object();
        if (object != null) {
            show(object.namespace(), object.name(), o.shown(), null);
            for (Outcome.Warning w : o.warnings()) {
                status.warning(object.apiVersion(), object.kind(), object.namespace(), object.name(), w.reason(),
                        w.message());
            }
        }
        if (o.finishMove()) {
            allocations.finishMove(owner);
        }
        if (o.release()) {
            allocations.release(owner);
        }
        if (o.retry() != null) {
            throw o.retry();
        }
    }

    /**
     * Settles a child that waits for its parent's build: one conditional write, so only a child still in one of
     * {@code from} changes; then what it shows and its Events.
     *
     * @return whether it was settled (false: it changed again since, or is gone; its own event shows it)
     */
    public boolean settle(OwnerKey child, String apiVersion, String kind, Set<String> from, Outcome o) {
        Optional<ObjectState> s = states.settle(child, from, o.status().word(), o.reason());
        if (s.isEmpty()) {
            return false;
        }
        show(child.namespace(), child.name(), o.shown(), s.get());
        for (Outcome.Warning w : o.warnings()) {
            status.warning(apiVersion, kind, child.namespace(), child.name(), w.reason(), w.message());
        }
        return true;
    }

    private void show(String namespace, String name, Shown shown, ObjectState written) {
        if (shown instanceof Shown.ServiceVip s) {
            status.serviceVip(namespace, name, s.ip());
        } else if (shown instanceof Shown.GatewayStatus g) {
            status.gateway(g.group(), g.version(), namespace, name, g.ip(), g.generation(), g.conditions(),
                    g.listeners());
        } else if (shown instanceof Shown.PlacementVips && written != null) {
            status.ingressVips(namespace, name, placementVips(written.detail()));
        }
    }

    /** The distinct VIPs of an Ingress placement ({@code host → {shard, vip}}). */
    static List<String> placementVips(String detail) {
        List<String> out = new ArrayList<>();
        var placed = DynamoStateStore.json(detail);
        if (placed != null) {
            placed.forEach(h -> {
                if (!out.contains(h.path("vip").asText())) {
                    out.add(h.path("vip").asText());
                }
            });
        }
        return out;
    }
}
