package io.gatewarden.applier.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.allocation.OwnerKey;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.PoolsUnresolvedException;
import io.gatewarden.applier.allocation.ShardPlanner;
import io.gatewarden.applier.allocation.VipAllocator;
import io.gatewarden.applier.allocation.VipPool;
import io.gatewarden.applier.allocation.VipPoolExhaustedException;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.lbclient.LoadBalancerRefusedException;
import io.gatewarden.applier.lbclient.LoadBalancerUnavailableException;
import io.gatewarden.applier.realize.NotRealizableException;
import io.gatewarden.applier.realize.Realizer;
import io.gatewarden.applier.store.AllocationStore;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.Lease;
import io.gatewarden.applier.store.LinkStore;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.applier.store.StateStore;
import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.gateway.v1.Route;
import io.gatewarden.model.k8s.Ingress;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.model.manifest.ObjectBinding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one {@link ChangeEvent}: records it (skipping duplicates and older events), gives Gateways and
 * LoadBalancer Services their VIP and places Ingress hosts on shards, then realizes them on the load balancer
 * ({@link Realizer}) and writes status; member Services and routes are linked to their Gateway, which is rebuilt;
 * deletes remove the load-balancer objects before the VIP is released.
 * <ul>
 * <li>No VIP now (pool exhausted, address taken, class unknown): {@code Pending} with the reason and a Warning
 * Event — not an error, so no retry storm; the reconcile re-drives it.</li>
 * <li>The controller refused (400, name too long): {@code Refused}, a Warning Event, a freshly allocated VIP is
 * released; no retry.</li>
 * <li>The controller is unavailable (5xx storm, timeouts): {@code Failed}, the exception propagates so the
 * message is retried and finally lands in the dead-letter queue. The clients undo partial applies, and the VIP
 * stays reserved for the object so the retry and the reconcile converge on the same address.</li>
 * </ul>
 * Infrastructure errors (DynamoDB) propagate so the message is retried.
 */
public class ChangeProcessor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChangeProcessor.class);

    /** What happened to an event. */
    public enum Outcome { APPLIED, PENDING, SKIPPED }

    static final String GATEWAY_V1ALPHA1 = "Gateway.networking.x-k8s.io";
    static final String GATEWAY_V1 = "Gateway.gateway.networking.k8s.io";
    /** Kinds other objects wait for when they arrive first. */
    static final Set<String> WAITED_FOR = Set.of("GatewayClass", "IngressClass", "AviInfraSetting");

    private final StateStore states;
    private final AllocationStore allocations;
    private final VipAllocator allocator;
    private final PoolResolver pools;
    private final ShardPlanner shards;
    private final ApplierConfiguration config;
    private final LinkStore links;
    private final Realizer realizer;

    public ChangeProcessor(StateStore states, AllocationStore allocations, PoolResolver pools, ShardPlanner shards,
            ApplierConfiguration config, LinkStore links, Realizer realizer) {
        this.states = states;
        this.allocations = allocations;
        this.allocator = new VipAllocator(allocations);
        this.pools = pools;
        this.shards = shards;
        this.config = config;
        this.links = links;
        this.realizer = realizer;
    }

    /** For the reconcile: see {@link Realizer#drifted}. */
    public boolean drifted(OwnerKey owner, KubernetesObject o, String vip) {
        return realizer.drifted(owner, o, vip);
    }

    /** The owner key of an event's object: kind qualified by group, so v1alpha1 and v1 Gateways never mix. */
    public static OwnerKey ownerOf(ChangeEvent e) {
        String kind = e.group() == null || e.group().isEmpty() ? e.kind() : e.kind() + "." + e.group();
        return new OwnerKey(e.clusterName(), kind, e.namespace(), e.name());
    }

    /** Notes on the object's state why its message failed; never throws (the failure itself is what counts). */
    public void recordFailure(ChangeEvent e, RuntimeException problem) {
        try {
            states.recordFailure(ownerOf(e), problem.getClass().getSimpleName() + ": " + problem.getMessage());
        } catch (RuntimeException cannotRecord) {
            LOG.warn("could not record the failure of {}: {}", ownerOf(e).id(), cannotRecord.getMessage());
        }
    }

    public Outcome process(ChangeEvent e) {
        if (e.schemaVersion() > ChangeEvent.SCHEMA_VERSION) {
            throw new MalformedEventException("event " + e.eventId() + " has schema version " + e.schemaVersion()
                    + "; this applier reads up to " + ChangeEvent.SCHEMA_VERSION);
        }
        OwnerKey owner = ownerOf(e);
        if (!states.recordIfNewer(owner, e)) {
            return Outcome.SKIPPED;
        }
        Optional<ObjectState> before = states.load(owner);
        Optional<KubernetesObject> old = ObjectBinding.bind(e.oldObject());
        if (e.operation() == ChangeEvent.Operation.DELETE) {
            deleted(owner, old.or(() -> before.map(ObjectState::object).map(DynamoStateStore::json)
                    .flatMap(ObjectBinding::bind)), before);
            states.setOutcome(owner, "Deleted", null, null, true);
            return Outcome.APPLIED;
        }
        KubernetesObject typed = ObjectBinding.bind(e.object()).orElse(null);
        return handle(owner, typed, old.orElse(null), before);
    }

    /** Everything after recording: allocation, realization, links; also re-run for objects that waited. */
    private Outcome handle(OwnerKey owner, KubernetesObject typed, KubernetesObject old, Optional<ObjectState> before) {
        String cluster = owner.cluster();
        try {
            unlinkStale(owner, typed, old);
            if (typed instanceof io.gatewarden.model.gateway.v1alpha1.Gateway gw) {
                return realized(owner, gw, allocator.allocate(owner, pools.forAviGateway(cluster,
                        gw.gatewayClassName()), firstAddress(gw)));
            }
            if (typed instanceof io.gatewarden.model.gateway.v1.Gateway gw) {
                return realized(owner, gw, allocator.allocate(owner, pools.forGatewayApi(cluster,
                        gw.gatewayClassName()), firstAddress(gw)));
            }
            if (typed instanceof Service svc) {
                return service(owner, cluster, svc, old);
            }
            if (typed instanceof Ingress ing) {
                return ingress(owner, cluster, ing, before);
            }
            if (typed instanceof Route route) {
                states.setOutcome(owner, "Member", null, null, false);
                for (OwnerKey gw : parents(cluster, route)) {
                    links.link(gw, owner);
                    realizer.realizeParent(gw);
                }
                return Outcome.APPLIED;
            }
        } catch (ApplierException problem) {
            if (problem instanceof PoolsUnresolvedException unresolved && unresolved.missing() != null) {
                links.link(unresolved.missing(), owner); // re-driven as soon as what it waits for is recorded
            }
            return notRealized(owner, typed, before, problem);
        }
        states.setOutcome(owner, "Recorded", null, null, false);
        if (typed != null && WAITED_FOR.contains(typed.kind())) {
            redriveWaiting(owner);
        }
        return Outcome.APPLIED;
    }

    /**
     * Objects left Pending because this class or infra setting was not recorded yet (events of different objects
     * are not ordered against each other: FIFO order holds per object only) are re-run now.
     */
    private void redriveWaiting(OwnerKey lookup) {
        for (OwnerKey waiting : links.children(lookup)) {
            links.unlink(lookup, waiting);
            Optional<ObjectState> s = states.load(waiting);
            if (s.isEmpty() || !"Pending".equals(s.get().status()) || s.get().object() == null) {
                continue;
            }
            try {
                ObjectBinding.bind(DynamoStateStore.json(s.get().object()))
                        .ifPresent(o -> handle(waiting, o, null, s));
            } catch (ApplierException stillFailing) {
                // Its own state says Failed; the reconcile re-drives it. The class or setting being recorded
                // must not fail (and land in the dead-letter queue) for another object's controller trouble.
                LOG.warn("re-driving {} failed: {}", waiting.id(), stillFailing.getMessage());
            }
        }
    }

    private Outcome notRealized(OwnerKey owner, KubernetesObject typed, Optional<ObjectState> before,
            ApplierException problem) {
        if (problem instanceof LoadBalancerUnavailableException) {
            states.setOutcome(owner, "Failed", problem.getMessage(), null, false);
            throw problem;
        }
        if (problem.retryable() && !(problem instanceof VipPoolExhaustedException)) {
            throw problem;
        }
        boolean refused = problem instanceof LoadBalancerRefusedException || problem instanceof NotRealizableException;
        if (refused && before.map(ObjectState::vip).isEmpty()) {
            allocations.release(owner); // the address was taken for this attempt only
        }
        states.setOutcome(owner, refused ? "Refused" : "Pending", problem.getMessage(), null, false);
        if (typed != null) {
            realizer.warn(typed, refused ? "LoadBalancerRefused"
                    : problem instanceof VipPoolExhaustedException ? "VipPoolExhausted" : "VipPending", problem.getMessage());
        }
        return Outcome.PENDING;
    }

    private Outcome realized(OwnerKey owner, KubernetesObject object, Lease lease) {
        io.gatewarden.applier.metrics.EventRecord.vip(lease.address());
        states.setOutcome(owner, realizer.realize(owner, object, lease.address()), null, null, false);
        return Outcome.APPLIED;
    }

    private void deleted(OwnerKey owner, Optional<KubernetesObject> old, Optional<ObjectState> before) {
        KubernetesObject o = old.orElse(null);
        realizer.remove(owner, o);
        allocations.release(owner);
        if (o instanceof Service svc) {
            memberOf(owner.cluster(), svc).ifPresent(gw -> {
                links.unlink(gw, owner);
                realizer.realizeParent(gw);
            });
        } else if (o instanceof Route route) {
            for (OwnerKey gw : parents(owner.cluster(), route)) {
                links.unlink(gw, owner);
                realizer.realizeParent(gw);
            }
        } else if (o instanceof Ingress ing) {
            AviInfraSetting setting = ingressSetting(owner.cluster(), ing);
            if (setting != null) {
                for (OwnerKey parent : shardParents(owner.cluster(), setting, before.map(ObjectState::detail).orElse(null))) {
                    links.unlink(parent, owner);
                    realizer.realizeShard(parent, setting);
                    releaseIfUnused(parent);
                }
            }
        }
    }

    /** A member Service or route that left its Gateway (labels or parentRefs changed): unlink, rebuild the old one. */
    private void unlinkStale(OwnerKey owner, KubernetesObject now, KubernetesObject old) {
        List<OwnerKey> before = new ArrayList<>();
        List<OwnerKey> after = new ArrayList<>();
        if (old instanceof Service o) {
            memberOf(owner.cluster(), o).ifPresent(before::add);
        }
        if (now instanceof Service n) {
            memberOf(owner.cluster(), n).ifPresent(after::add);
        }
        if (old instanceof Route o) {
            before.addAll(parents(owner.cluster(), o));
        }
        if (now instanceof Route n) {
            after.addAll(parents(owner.cluster(), n));
        }
        for (OwnerKey gw : before) {
            if (!after.contains(gw)) {
                links.unlink(gw, owner);
                realizer.realizeParent(gw);
            }
        }
    }

    private Outcome service(OwnerKey owner, String cluster, Service svc, KubernetesObject old) {
        if (svc.isLoadBalancer()) {
            if (old instanceof Service was && was.isLoadBalancer() && !Realizer.sameLoadBalancer(was, svc)) {
                realizer.remove(owner, was); // moved to the other load balancer: nothing stays behind on the first
            }
            String setting = svc.metadata().annotation("aviinfrasetting.ako.vmware.com/name");
            List<VipPool> p = pools.forService(cluster, svc.spec().loadBalancerClass(), setting);
            return realized(owner, svc, allocator.allocate(owner, p, svc.requestedLoadBalancerIP()));
        }
        if (old instanceof Service was && was.isLoadBalancer()) {
            realizer.remove(owner, was); // no longer a LoadBalancer: its virtual service goes, then its VIP
        }
        allocations.release(owner);
        Optional<OwnerKey> gw = memberOf(cluster, svc);
        states.setOutcome(owner, gw.isPresent() ? "Member" : "Recorded", null, null, false);
        if (gw.isPresent()) {
            links.link(gw.get(), owner);
            realizer.realizeParent(gw.get());
        }
        return Outcome.APPLIED;
    }

    private Outcome ingress(OwnerKey owner, String cluster, Ingress ing, Optional<ObjectState> before) {
        String cls = ing.spec() == null ? null : ing.spec().ingressClassName();
        AviInfraSetting setting = cls == null ? null : pools.settingOfIngressClass(cluster, cls); // unknown: Pending
        if (setting == null) {
            states.setOutcome(owner, "Recorded", null, null, false);
            return Outcome.APPLIED;
        }
        List<VipPool> p = pools.forSetting(setting);
        String size = setting.shardSize() == null ? config.getDefaultShardSize() : setting.shardSize();
        ObjectNode detail = Json.mapper().createObjectNode();
        for (String host : hosts(ing)) {
            ObjectNode h = detail.putObject(host);
            if ("DEDICATED".equals(size)) {
                h.put("vip", allocator.allocate(OwnerKey.host(cluster, setting.name(), host), p, null).address());
                h.put("shard", "dedicated");
            } else {
                int count = ShardPlanner.SHARDS.getOrDefault(size, ShardPlanner.SHARDS.get(config.getDefaultShardSize()));
                int shard = shards.place(cluster, setting.name(), host, count);
                h.put("shard", shard);
                h.put("vip", allocator.allocate(OwnerKey.shard(cluster, setting.name(), shard), p, null).address());
            }
        }
        // The new placement first, so the shards rebuilt below see this Ingress where it now is.
        states.setOutcome(owner, Realizer.ALLOCATED, null, detail.toString(), false);
        Set<OwnerKey> now = new LinkedHashSet<>(shardParents(cluster, setting, detail.toString()));
        Set<OwnerKey> affected = new LinkedHashSet<>(now);
        for (OwnerKey was : shardParents(cluster, setting, before.map(ObjectState::detail).orElse(null))) {
            if (!now.contains(was)) {
                links.unlink(was, owner);
                affected.add(was);
            }
        }
        now.forEach(parent -> links.link(parent, owner));
        affected.forEach(parent -> {
            realizer.realizeShard(parent, setting);
            releaseIfUnused(parent);
        });
        boolean applied = realizer.avi();
        states.setOutcome(owner, applied ? Realizer.APPLIED : Realizer.ALLOCATED, null, detail.toString(), false);
        List<String> vips = new ArrayList<>();
        detail.forEach(h -> {
            if (!vips.contains(h.path("vip").asText())) {
                vips.add(h.path("vip").asText());
            }
        });
        realizer.ingressVips(ing, vips);
        return Outcome.APPLIED;
    }

    /**
     * A dedicated host's VIP goes back once no Ingress has the host any more (its virtual service was deleted by
     * the rebuild just before). Shard VIPs stay: a shard is part of the infra setting, not of one Ingress.
     */
    private void releaseIfUnused(OwnerKey parent) {
        if ("Host".equals(parent.kind()) && links.children(parent).isEmpty()) {
            allocations.release(parent);
        }
    }

    private AviInfraSetting ingressSetting(String cluster, Ingress ing) {
        String cls = ing.spec() == null ? null : ing.spec().ingressClassName();
        if (cls == null) {
            return null;
        }
        try {
            return pools.settingOfIngressClass(cluster, cls);
        } catch (PoolsUnresolvedException unknownClass) {
            return null; // an Ingress of a class the applier does not know is not Avi's
        }
    }

    /** The shard or dedicated-host owners of an Ingress placement ({@code host → {shard, vip}}). */
    private static List<OwnerKey> shardParents(String cluster, AviInfraSetting setting, String detail) {
        var placed = DynamoStateStore.json(detail);
        List<OwnerKey> out = new ArrayList<>();
        if (placed == null) {
            return out;
        }
        placed.fields().forEachRemaining(h -> {
            String shard = h.getValue().path("shard").asText();
            OwnerKey parent = "dedicated".equals(shard) ? OwnerKey.host(cluster, setting.name(), h.getKey())
                    : OwnerKey.shard(cluster, setting.name(), Integer.parseInt(shard));
            if (!out.contains(parent)) {
                out.add(parent);
            }
        });
        return out;
    }

    private static Optional<OwnerKey> memberOf(String cluster, Service svc) {
        String gw = svc.metadata().label("ako.vmware.com/gateway-name");
        String ns = svc.metadata().label("ako.vmware.com/gateway-namespace");
        return gw == null || ns == null ? Optional.empty() : Optional.of(new OwnerKey(cluster, GATEWAY_V1ALPHA1, ns, gw));
    }

    private static List<OwnerKey> parents(String cluster, Route route) {
        List<OwnerKey> out = new ArrayList<>();
        for (var p : route.parentRefs()) {
            if (p != null && p.name() != null && (p.kind() == null || "Gateway".equals(p.kind()))) {
                OwnerKey gw = new OwnerKey(cluster, GATEWAY_V1, p.namespace() == null ? route.namespace() : p.namespace(),
                        p.name());
                if (!out.contains(gw)) {
                    out.add(gw);
                }
            }
        }
        return out;
    }

    private static Set<String> hosts(Ingress ing) {
        Set<String> hosts = new LinkedHashSet<>();
        ing.rules().forEach(r -> {
            if (r != null && r.host() != null) {
                hosts.add(r.host());
            }
        });
        return hosts;
    }

    private static String firstAddress(io.gatewarden.model.gateway.v1alpha1.Gateway gw) {
        return gw.addresses().stream().filter(a -> a.type() == null || "IPAddress".equals(a.type()))
                .map(io.gatewarden.model.gateway.v1alpha1.Gateway.Address::value).findFirst().orElse(null);
    }

    private static String firstAddress(io.gatewarden.model.gateway.v1.Gateway gw) {
        return gw.addresses().stream().filter(a -> "IPAddress".equals(a.typeOrDefault()))
                .map(io.gatewarden.model.gateway.v1.Gateway.Address::value).findFirst().orElse(null);
    }
}
