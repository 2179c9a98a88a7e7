package io.gatewarden.applier.handler;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.applier.store.StateStore;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.KindRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Repairs what the queue lost. Compares the applier's states with the live objects: a state holding an address,
 * a load-balancer object or parents for an object the list did not show (deleted while events were lost, or
 * admitted and then refused by a later admission step), and older than the grace period, is handed to the
 * processor as a hint, which reads the object and frees only what the API confirms is gone; a live object the applier never saw, or
 * left Pending, Failed (controller unavailable) or Refused — or Applied but missing or different on its load
 * balancer (members moved) — is re-driven as if just admitted, which rebuilds its load-balancer objects by name.
 */
public class Reconciler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Reconciler.class);

    /** What one run did. */
    public record Report(int live, int states, int orphansReleased, int redriven) {
    }

    private static final Set<String> KINDS_WITH_VIPS = Set.of("Gateway", "Service", "Ingress");
    private static final Set<String> LOOKUP_KINDS = Set.of("GatewayClass", "IngressClass", "AviInfraSetting");
    /** Outcomes worth another try: no VIP yet, the controller failed or refused, or deleted and back again. */
    private static final Set<String> REDRIVEN = Set.of("Pending", "Failed", "Refused", "Deleted");

    private final StateStore states;
    private final ChangeProcessor processor;
    private final Duration grace;
    private final Clock clock;

    public Reconciler(StateStore states, ChangeProcessor processor, Duration grace,
            Clock clock) {
        this.states = states;
        this.processor = processor;
        this.grace = grace;
        this.clock = clock;
    }

    public Report reconcile(String cluster, List<KubernetesObject> live) {
        Map<OwnerKey, KubernetesObject> liveByOwner = new HashMap<>();
        live.forEach(o -> liveByOwner.put(owner(cluster, o), o));
        List<ObjectState> known = states.all(cluster);
        long cutoff = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant().minus(grace));
        int released = 0;
        Map<OwnerKey, ObjectState> byOwner = new HashMap<>();
        for (ObjectState s : known) {
            byOwner.put(s.owner(), s);
            if (!liveByOwner.containsKey(s.owner()) && isObjectKind(s.owner()) && s.holdsAnything()
                    && s.observedAtMicros() < cutoff) {
                try {
                    // A hint like any other: the processor reads the object, and frees only if the API lacks it.
                    if (processor.process(hint(cluster, s.owner())) == ChangeProcessor.Result.APPLIED) {
                        released++;
                    }
                } catch (RuntimeException oneBadObject) {
                    LOG.warn("reconcile could not clean up {}: {}", s.owner().id(), oneBadObject.getMessage());
                }
            }
        }
        int redriven = 0;
        // Lookup kinds first, so Gateways and Ingresses re-driven below can resolve their pools.
        for (boolean lookups : new boolean[] {true, false}) {
            for (Map.Entry<OwnerKey, KubernetesObject> e : liveByOwner.entrySet()) {
                String kind = e.getValue().kind();
                if (LOOKUP_KINDS.contains(kind) != lookups || !(lookups || KINDS_WITH_VIPS.contains(kind))) {
                    continue;
                }
                ObjectState s = byOwner.get(e.getKey());
                try { // one object never stops the run: the drift check reads the controller, which may fail too
                    if (s == null || s.status() == null || REDRIVEN.contains(s.status())
                            || processor.waitsForItsBuild(e.getValue(), s) // its build job was lost (dead letters)
                            || "Applied".equals(s.status()) && processor.drifted(e.getKey(), e.getValue(), s.vip())) {
                        processor.process(redrive(cluster, e.getValue(), s == null ? ChangeEvent.Operation.CREATE
                                : ChangeEvent.Operation.UPDATE), true);
                        redriven++;
                    }
                } catch (RuntimeException oneBadObject) {
                    LOG.warn("reconcile could not re-drive {}: {}", e.getKey().id(), oneBadObject.getMessage());
                }
            }
        }
        return new Report(live.size(), known.size(), released, redriven);
    }

    private static boolean isObjectKind(OwnerKey owner) {
        return !owner.kind().equals("Shard") && !owner.kind().equals("Host");
    }

    private ChangeEvent redrive(String cluster, KubernetesObject o, ChangeEvent.Operation op) {
        return new ChangeEvent(ChangeEvent.SCHEMA_VERSION, "reconcile-" + UUID.randomUUID(), cluster, op,
                KindRegistry.group(o.apiVersion()), KindRegistry.version(o.apiVersion()), o.kind(), o.namespace(),
                o.name(), o.metadata().uid(), o.metadata().resourceVersion(), o.metadata().generation(),
                clock.instant().toString());
    }

    /** A DELETE hint for a state whose object the list did not show. */
    private ChangeEvent hint(String cluster, OwnerKey owner) {
        int dot = owner.kind().indexOf('.');
        return new ChangeEvent(ChangeEvent.SCHEMA_VERSION, "reconcile-" + UUID.randomUUID(), cluster,
                ChangeEvent.Operation.DELETE, dot < 0 ? "" : owner.kind().substring(dot + 1), "",
                dot < 0 ? owner.kind() : owner.kind().substring(0, dot), owner.namespace(), owner.name(), "", "", null,
                clock.instant().toString());
    }

    private static OwnerKey owner(String cluster, KubernetesObject o) {
        String group = KindRegistry.group(o.apiVersion());
        return new OwnerKey(cluster, group.isEmpty() ? o.kind() : o.kind() + "." + group, o.namespace(), o.name());
    }
}
