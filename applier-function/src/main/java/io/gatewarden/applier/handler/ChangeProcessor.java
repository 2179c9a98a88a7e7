package io.gatewarden.applier.handler;

import io.gatewarden.model.lb.ShardSizes;
import io.gatewarden.model.lb.Conventions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.PoolsUnresolvedException;
import io.gatewarden.applier.allocation.ShardPlanner;
import io.gatewarden.applier.allocation.VipAllocator;
import io.gatewarden.applier.addresses.VipPool;
import io.gatewarden.applier.allocation.VipPoolExhaustedException;
import io.gatewarden.applier.build.ParentBuilds;
import io.gatewarden.applier.cluster.ClusterReader;
import io.gatewarden.applier.cluster.ObjectDigest;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Handles one {@link ChangeEvent}, which is a hint only: the object is read from the Kubernetes API, and what the
 * API holds is what counts. An object the API has (and that is not being deleted) gets its VIP and shard placement
 * and is realized on its load balancer ({@link Realizer}) with status written; a member Service or route has its
 * Gateway rebuilt. An object the API does not have loses what it had: its load-balancer object (by the exact name
 * recorded before it was applied), then its VIP, then its parents are rebuilt without it. A hint about a version
 * already handled to a settled outcome changes nothing, so a forged, duplicated or stale event can only cause a
 * re-read.
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
    private final ClusterReader kube;
    private final ParentBuilds builds;

    /** Outcomes after which the same resourceVersion needs nothing more. */
    static final Set<String> SETTLED = Set.of("Applied", "Allocated", "Member", "Recorded");
    /** The first re-read comes soon (the API server usually stores within milliseconds), later ones back off. */
    static final Duration FIRST_READ_POLL = Duration.ofMillis(10);
    static final Duration MAX_READ_POLL = Duration.ofMillis(200);

    public ChangeProcessor(StateStore states, AllocationStore allocations, PoolResolver pools, ShardPlanner shards,
            ApplierConfiguration config, LinkStore links, Realizer realizer, ClusterReader kube, ParentBuilds builds) {
        this.kube = kube;
        this.builds = builds;
        this.states = states;
        this.allocations = allocations;
        this.allocator = new VipAllocator(allocations);
        this.pools = pools;
        this.shards = shards;
        this.config = config;
        this.links = links;
        this.realizer = realizer;
    }

    /** The coalesced builds of Ingress shards and dedicated hosts this processor requests. */
    public ParentBuilds builds() {
        return builds;
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
        return process(e, false);
    }

    /**
     * @param rebuild build the object even when this content was handled (the reconcile found its load
     *                balancer drifted: members moved, or the object was removed there by hand)
     */
    public Outcome process(ChangeEvent e, boolean rebuild) {
        if (e.schemaVersion() > ChangeEvent.SCHEMA_VERSION) {
            throw new MalformedEventException("event " + e.eventId() + " has schema version " + e.schemaVersion()
                    + "; this applier reads up to " + ChangeEvent.SCHEMA_VERSION);
        }
        if (!config.getCluster().equals(e.clusterName())) {
            throw new MalformedEventException("event " + e.eventId() + " is for cluster " + e.clusterName()
                    + "; this applier serves cluster " + config.getCluster() + " (gatewarden.applier.cluster)");
        }
        OwnerKey owner = ownerOf(e);
        Optional<KubernetesObject> live = read(owner, e);
        Optional<ObjectState> before = states.load(owner);
        if (live.isEmpty()) {
            if (before.isEmpty() || "Deleted".equals(before.get().status()) && !before.get().holdsAnything()) {
                return Outcome.SKIPPED; // nothing of it exists here: a forged or stale hint
            }
            gone(owner, before.get());
            states.setOutcome(owner, "Deleted", null, null, true);
            states.observed(owner, null, null);
            return Outcome.APPLIED;
        }
        KubernetesObject o = live.get();
        String digest = ObjectDigest.of(o);
        if (!rebuild && before.isPresent() && before.get().status() != null // null: cut short after the write-ahead
                && SETTLED.contains(before.get().status()) && !waitsForItsBuild(o, before.get())
                && Objects.equals(before.get().uid(), o.metadata().uid())
                && Objects.equals(before.get().digest(), digest)) {
            return Outcome.SKIPPED; // this content was handled: a duplicate or forged hint, or our own status write
        }
        Outcome out = handle(owner, o, before, digest);
        if (!(o instanceof Ingress)) { // an Ingress records it with its placement, in one write
            states.observed(owner, o.metadata().uid(), digest);
        }
        return out;
    }

    /**
     * An Ingress shown {@code Allocated} while a controller is configured has asked for its shard's build and waits
     * for it; a hint about it asks again (a cheap, coalesced request), so one cut short between recording its
     * placement and asking for the build is never left waiting.
     */
    boolean waitsForItsBuild(KubernetesObject o, ObjectState s) {
        return o instanceof Ingress && Realizer.ALLOCATED.equals(s.status()) && realizer.avi();
    }

    /**
     * The object as the API has it, absent when it has not or the object is being deleted. When the hint expects
     * otherwise, the API is asked again for up to {@code read-wait}; then its answer stands. Expected: after a CREATE
     * the object (the webhook publishes before the API server stores it); after an UPDATE a version other than the
     * one the update was made on (the event carries that one); after a DELETE no object.
     */
    private Optional<KubernetesObject> read(OwnerKey owner, ChangeEvent e) {
        ChangeEvent.Operation hint = e.operation();
        String updatedFrom = hint == ChangeEvent.Operation.UPDATE && e.resourceVersion() != null
                && !e.resourceVersion().isEmpty() ? e.resourceVersion() : null;
        long deadline = System.nanoTime() + config.getReadWait().toNanos();
        long pause = FIRST_READ_POLL.toMillis();
        while (true) {
            Optional<KubernetesObject> o = kube.get(owner).filter(x -> x.metadata() == null
                    || x.metadata().deletionTimestamp() == null);
            boolean expected = hint == ChangeEvent.Operation.DELETE ? o.isEmpty() : o.isPresent()
                    && (updatedFrom == null || !updatedFrom.equals(o.get().metadata().resourceVersion()));
            if (expected || System.nanoTime() >= deadline) {
                return o;
            }
            try {
                Thread.sleep(pause);
                pause = Math.min(pause * 2, MAX_READ_POLL.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return o;
            }
        }
    }

    /**
     * Everything after the read: allocation, realization, parents; also re-run for objects that waited. The
     * parents it may join and the load-balancer object it may get are written before anything is applied, so a
     * crash at any point leaves what a later run needs to clean up.
     */
    private Outcome handle(OwnerKey owner, KubernetesObject typed, Optional<ObjectState> before, String digest) {
        String cluster = owner.cluster();
        List<OwnerKey> oldParents = before.map(ObjectState::parents).orElse(List.of());
        String oldRealized = before.map(ObjectState::realized).orElse(null);
        try {
            String realized = realizer.realizedName(owner, typed);
            if (oldRealized != null && !oldRealized.equals(realized)) {
                realizer.remove(owner, oldRealized); // renamed, moved to the other load balancer, or no LoadBalancer now
            }
            if (typed instanceof Ingress ing) {
                return ingress(owner, cluster, ing, before, digest);
            }
            List<OwnerKey> parents = memberParents(cluster, typed);
            states.intend(owner, union(oldParents, parents), realized);
            Outcome out = Outcome.APPLIED;
            if (typed instanceof io.gatewarden.model.gateway.v1alpha1.Gateway gw) {
                out = realized(owner, gw, allocator.allocate(owner, pools.forAviGateway(cluster,
                        gw.gatewayClassName()), firstAddress(gw)), before);
            } else if (typed instanceof io.gatewarden.model.gateway.v1.Gateway gw) {
                out = realized(owner, gw, allocator.allocate(owner, pools.forGatewayApi(cluster,
                        gw.gatewayClassName()), firstAddress(gw)), before);
            } else if (typed instanceof Service svc && svc.isLoadBalancer()) {
                String setting = svc.metadata().annotation(Conventions.INFRA_SETTING_ANNOTATION);
                List<VipPool> p = pools.forService(cluster, svc.spec().loadBalancerClass(), setting);
                out = realized(owner, svc, allocator.allocate(owner, p, svc.requestedLoadBalancerIP()), before);
            } else if (typed instanceof Service || typed instanceof Route) {
                freeAddresses(owner, before); // no LoadBalancer (any more): its virtual service went above
                states.setOutcome(owner, parents.isEmpty() ? "Recorded" : "Member", null, null, false);
            } else {
                states.setOutcome(owner, "Recorded", null, null, false);
            }
            for (OwnerKey parent : union(oldParents, parents)) {
                realizer.realizeParent(parent); // joined, changed or left: rebuilt from the cluster as it is
            }
            if (!parents.equals(union(oldParents, parents))) {
                states.intend(owner, parents, realized);
            }
            if (WAITED_FOR.contains(typed.kind())) {
                redriveWaiting(owner);
            }
            return out;
        } catch (ApplierException problem) {
            if (problem instanceof PoolsUnresolvedException unresolved && unresolved.missing() != null) {
                links.link(unresolved.missing(), owner); // re-driven as soon as what it waits for is recorded
            }
            return notRealized(owner, typed, before, problem);
        }
    }

    /** The Gateways a member Service (AKO labels) or a route (parentRefs) joins. */
    private static List<OwnerKey> memberParents(String cluster, KubernetesObject o) {
        if (o instanceof Service svc && !svc.isLoadBalancer()) {
            return memberOf(cluster, svc).map(List::of).orElse(List.of());
        }
        return o instanceof Route route ? parents(cluster, route) : List.of();
    }

    private static List<OwnerKey> union(List<OwnerKey> a, List<OwnerKey> b) {
        Set<OwnerKey> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * Objects left Pending because this class or infra setting was not recorded yet (events of different objects
     * are not ordered against each other: FIFO order holds per object only) are re-run now.
     */
    private void redriveWaiting(OwnerKey lookup) {
        for (OwnerKey waiting : links.children(lookup)) {
            links.unlink(lookup, waiting);
            Optional<ObjectState> s = states.load(waiting);
            if (s.isEmpty() || !"Pending".equals(s.get().status())) {
                continue;
            }
            try {
                kube.get(waiting).ifPresent(o -> {
                    String digest = ObjectDigest.of(o);
                    handle(waiting, o, s, digest);
                    if (!(o instanceof Ingress)) {
                        states.observed(waiting, o.metadata().uid(), digest);
                    }
                });
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
            realizer.warn(typed, problem instanceof io.gatewarden.applier.realize.NameCollisionException
                    ? "NameCollision" : refused ? "LoadBalancerRefused"
                    : problem instanceof VipPoolExhaustedException ? "VipPoolExhausted" : "VipPending", problem.getMessage());
        }
        return Outcome.PENDING;
    }

    private Outcome realized(OwnerKey owner, KubernetesObject object, Lease lease, Optional<ObjectState> before) {
        io.gatewarden.applier.metrics.EventRecord.vip(lease.address());
        states.setOutcome(owner, realizer.realize(owner, object, lease.address()), null, null, false);
        boolean moved = before.map(ObjectState::vip).filter(vip -> !vip.equals(lease.address())).isPresent();
        if (moved || before.map(ObjectState::movedFrom).isPresent()) {
            allocations.finishMove(owner); // the load balancer now serves the new address: free the old one last
        }
        return Outcome.APPLIED;
    }

    /** Frees what addresses the object holds; the table was read with {@code before}, so nothing else is asked. */
    private void freeAddresses(OwnerKey owner, Optional<ObjectState> before) {
        if (before.map(ObjectState::movedFrom).isPresent()) {
            allocations.finishMove(owner);
        }
        if (before.map(ObjectState::vip).isPresent()) {
            allocations.release(owner);
        }
    }

    /**
     * The object is gone from the API: its load-balancer object goes (by the exact name recorded before it was
     * applied), then its VIP, then its parents are rebuilt without it.
     */
    private void gone(OwnerKey owner, ObjectState before) {
        realizer.remove(owner, before.realized());
        freeAddresses(owner, Optional.of(before));
        for (OwnerKey parent : before.parents()) {
            rebuild(parent, null);
        }
        states.intend(owner, List.of(), null);
    }

    /**
     * Rebuilds a parent of any kind: a Gateway now, an Ingress shard or dedicated host through a coalesced build
     * ({@link ParentBuilds}), which shows {@code waiting} its outcome when done.
     */
    private void rebuild(OwnerKey parent, OwnerKey waiting) {
        if (!"Shard".equals(parent.kind()) && !"Host".equals(parent.kind())) {
            realizer.realizeParent(parent);
            return;
        }
        builds.request(parent, waiting);
    }

    private Outcome ingress(OwnerKey owner, String cluster, Ingress ing, Optional<ObjectState> before, String digest) {
        List<OwnerKey> oldParents = before.map(ObjectState::parents).orElse(List.of());
        String cls = ing.spec() == null ? null : ing.spec().ingressClassName();
        AviInfraSetting setting = cls == null ? null : pools.settingOfIngressClass(cluster, cls); // unknown: Pending
        if (setting == null) {
            states.intend(owner, oldParents, null);
            states.setOutcome(owner, "Recorded", null, null, false);
            oldParents.forEach(p -> rebuild(p, null)); // it may have left Avi's classes
            states.intend(owner, List.of(), null);
            states.observed(owner, ing.metadata().uid(), digest);
            return Outcome.APPLIED;
        }
        List<VipPool> p = pools.forSetting(setting);
        String size = setting.shardSize() == null ? config.getDefaultShardSize() : setting.shardSize();
        ObjectNode detail = Json.mapper().createObjectNode();
        for (String host : hosts(ing)) {
            ObjectNode h = detail.putObject(host);
            if (ShardSizes.DEDICATED.equals(size)) {
                h.put("vip", allocator.allocate(OwnerKey.host(cluster, setting.name(), host), p, null).address());
                h.put("shard", "dedicated");
            } else {
                int count = ShardSizes.shards(size).or(() -> ShardSizes.shards(config.getDefaultShardSize())).orElseThrow();
                int shard = shards.place(cluster, setting.name(), host, count);
                h.put("shard", shard);
                h.put("vip", allocator.allocate(OwnerKey.shard(cluster, setting.name(), shard), p, null).address());
            }
        }
        List<OwnerKey> now = shardParents(cluster, setting, detail.toString());
        // Allocated until a build of its shard shows it Applied, with its VIPs in status. One write: the parents
        // (ahead of the builds), the outcome and the content handled.
        states.record(owner, Realizer.ALLOCATED, detail.toString(), union(oldParents, now), ing.metadata().uid(),
                digest);
        for (OwnerKey parent : union(now, oldParents)) {
            rebuild(parent, now.contains(parent) ? owner : null);
        }
        if (!now.equals(union(oldParents, now))) {
            states.intend(owner, now, null);
        }
        return Outcome.APPLIED;
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
        String gw = svc.metadata().label(Conventions.GATEWAY_NAME_LABEL);
        String ns = svc.metadata().label(Conventions.GATEWAY_NAMESPACE_LABEL);
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
