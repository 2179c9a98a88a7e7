package io.gatewarden.applier.realize;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.lbclient.LoadBalancerClient;
import io.gatewarden.applier.lbclient.LoadBalancerRefusedException;
import io.gatewarden.applier.lbclient.LoadBalancerUnavailableException;
import io.gatewarden.applier.status.StatusReporter;
import io.gatewarden.applier.status.StatusReporter.GatewayCondition;
import io.gatewarden.applier.cluster.ClusterReader;
import io.gatewarden.applier.store.AllocationStore;
import io.gatewarden.applier.store.LockStore;
import io.gatewarden.applier.store.NameStore;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.applier.store.ShardStore;
import io.gatewarden.applier.store.StateStore;
import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Makes the load balancer hold what an object needs once it has its VIP, then shows it on the object: builds
 * the desired virtual service ({@link DesiredStates}), applies it through the object's controller client (or
 * deletes it when nothing is left to serve), and writes status. Controller errors propagate to the caller,
 * which decides between retry (unavailable) and Refused (the controller said no).
 */
public class Realizer {

    /** The status word when the object's load balancer has a client and was configured. */
    public static final String APPLIED = "Applied";
    /** The status word when the VIP is allocated but no controller is configured for its load balancer. */
    public static final String ALLOCATED = "Allocated";

    private final StateStore states;
    private final AllocationStore allocations;
    private final PoolResolver pools;
    private final LoadBalancers lbs;
    private final StatusReporter status;
    private final DesiredStates desired;
    private final LockStore locks;
    private final ClusterReader kube;
    private final NameStore names;

    /** How long one apply may hold a virtual service's lease, and how long another waits for it. */
    static final Duration HOLD = Duration.ofMinutes(2);
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final LockStore.Lease NO_LEASE = () -> { };

    public Realizer(StateStore states, ClusterReader kube, ShardStore shards, AllocationStore allocations,
            PoolResolver pools, MemberSource members, LoadBalancers lbs, StatusReporter status, LockStore locks,
            NameStore names) {
        this.names = names;
        this.locks = locks;
        this.kube = kube;
        this.states = states;
        this.allocations = allocations;
        this.pools = pools;
        this.lbs = lbs;
        this.status = status;
        this.desired = new DesiredStates(kube, shards, pools, members);
    }

    /** Whether an Avi controller is configured (Ingress shards are realized on it). */
    public boolean avi() {
        return lbs.avi().isPresent();
    }

    /** Realizes a Gateway or LoadBalancer Service that holds {@code vip}; returns the status word. */
    public String realize(OwnerKey owner, KubernetesObject object, String vip) {
        if (object instanceof Service svc) {
            Desired d = desired.service(owner, svc, vip, serviceLb(svc));
            claim(owner, d.lb(), d.name());
            String word;
            try (LockStore.Lease lease = lease(d.lb(), d.name())) {
                word = apply(d, owner, lease);
            }
            status.serviceVip(svc.namespace(), svc.name(), vip);
            return word;
        }
        if (object instanceof io.gatewarden.model.gateway.v1alpha1.Gateway gw) {
            String name = new Naming(owner.cluster()).l4(gw.namespace(), gw.name());
            claim(owner, LoadBalancers.Kind.AVI, name);
            Desired d = converge(owner, LoadBalancers.Kind.AVI, name, () -> desired.aviGateway(owner, gw, vip));
            String word = lbs.avi().isPresent() ? APPLIED : ALLOCATED;
            status.gateway("networking.x-k8s.io", "v1alpha1", gw.namespace(), gw.name(), vip, generation(gw),
                    d.conditions(), d.listeners());
            return word;
        }
        if (object instanceof io.gatewarden.model.gateway.v1.Gateway gw) {
            String version = gw.apiVersion().substring(gw.apiVersion().indexOf('/') + 1);
            if (!pools.isLoxiLbClass(owner.cluster(), gw.gatewayClassName())) {
                // AKO's HTTP gateway mode: the address is Gatewarden's, the L7 objects are AKO's to build.
                status.gateway("gateway.networking.k8s.io", version, gw.namespace(), gw.name(), vip, generation(gw),
                        List.of(new GatewayCondition("Accepted", true, "Accepted", "VIP " + vip + " allocated")),
                        List.of());
                return ALLOCATED;
            }
            String name = new Naming(owner.cluster()).l4(gw.namespace(), gw.name());
            claim(owner, LoadBalancers.Kind.LOXILB, name);
            Desired d = converge(owner, LoadBalancers.Kind.LOXILB, name, () -> desired.loxilbGateway(owner, gw, vip));
            String word = lbs.loxilb().isPresent() ? APPLIED : ALLOCATED;
            status.gateway("gateway.networking.k8s.io", version, gw.namespace(), gw.name(), vip, generation(gw),
                    d.conditions(), d.listeners());
            return word;
        }
        return ALLOCATED;
    }

    /**
     * Rebuilds a parent (Gateway) after one of its children changed, if it is realized at all. The outcome is the
     * parent's: a refusal marks the parent Refused with a Warning Event on it; an unavailable controller marks it
     * Failed and propagates, so the child's message is retried.
     */
    public void realizeParent(OwnerKey parent) {
        Optional<ObjectState> s = states.load(parent);
        if (s.isEmpty() || s.get().vip() == null) {
            return; // not allocated yet: its own event or the reconcile will realize it with its children
        }
        Optional<KubernetesObject> o = kube.get(parent);
        if (o.isEmpty()) {
            return; // gone: its own event (or the reconcile) removes it
        }
        try {
            states.setOutcome(parent, realize(parent, o.get(), s.get().vip()), null, null, false);
        } catch (LoadBalancerRefusedException | NotRealizableException refused) {
            states.setOutcome(parent, "Refused", refused.getMessage(), null, false);
            warn(o.get(), "LoadBalancerRefused", refused.getMessage());
        } catch (LoadBalancerUnavailableException unavailable) {
            states.setOutcome(parent, "Failed", unavailable.getMessage(), null, false);
            throw unavailable;
        }
    }

    /**
     * Builds an Ingress shard or dedicated host from the Ingresses placed on it now and applies it; deletes it when
     * none is left.
     *
     * @param serialized the caller is the only one building this parent (its FIFO message group): one build, no
     *                   lease; otherwise builds converge under the virtual service's lease
     * @return whether any route is left on it
     */
    public boolean buildShard(OwnerKey shard, AviInfraSetting setting, boolean serialized) {
        Optional<String> vip = allocations.lease(shard).map(l -> l.address());
        if (vip.isEmpty()) {
            return false;
        }
        claim(shard, LoadBalancers.Kind.AVI, DesiredStates.shardName(shard));
        if (serialized) {
            io.gatewarden.applier.metrics.ApplierMetrics.current().parentBuild(LoadBalancers.Kind.AVI.name());
            Desired d = desired.shard(shard, vip.get(), setting);
            apply(d, shard, NO_LEASE); // serialized by the queue: one build of a shard at a time
            return d.vs() != null;
        }
        return converge(shard, LoadBalancers.Kind.AVI, DesiredStates.shardName(shard),
                () -> desired.shard(shard, vip.get(), setting)).vs() != null;
    }

    /**
     * Applies a parent built from its children, then builds it again and re-applies until two builds agree.
     * Children of one parent are different objects, so their events run concurrently (FIFO order holds per
     * object only): without this, a build that read the children before another child linked itself could be
     * applied last and drop that child. Whoever applies last has then seen every child linked before it checked.
     */
    private Desired converge(OwnerKey owner, LoadBalancers.Kind lb, String name,
            java.util.function.Supplier<Desired> building) {
        java.util.function.Supplier<Desired> build = () -> {
            io.gatewarden.applier.metrics.ApplierMetrics.current().parentBuild(lb.name());
            return building.get();
        };
        try (LockStore.Lease lease = lease(lb, name)) {
            Desired d = build.get(); // under the lease: what the previous holder did is visible
            for (int round = 0; round < 5; round++) {
                apply(d, owner, lease);
                Desired again = build.get();
                if (again.equals(d)) {
                    return d;
                }
                d = again;
            }
            apply(d, owner, lease);
            return d;
        }
    }

    /**
     * The lease on one virtual service, so concurrent invocations (a Gateway's event and its Services' events are
     * different FIFO groups) never build and undo it at the same time. No lease without a controller.
     */
    private LockStore.Lease lease(LoadBalancers.Kind lb, String name) {
        return lbs.of(lb).isEmpty() ? NO_LEASE : locks.acquire(lb + "/" + name, HOLD, WAIT);
    }

    /** Shows an Ingress the VIPs of the shards (or dedicated virtual services) its hosts sit on. */
    public void ingressVips(String namespace, String name, List<String> vips) {
        status.ingressVips(namespace, name, vips);
    }

    /**
     * Whether a Gateway or LoadBalancer Service the table calls Applied no longer matches its load balancer: the
     * virtual service is missing (restored from an old backup, deleted by hand), or its members or listeners
     * differ from what the cluster gives now (pods moved — endpoint changes are not admission events). The
     * reconcile then re-drives it. One build and one read by name.
     */
    public boolean drifted(OwnerKey owner, KubernetesObject o, String vip) {
        Desired d;
        try {
            if (o instanceof Service svc && svc.isLoadBalancer()) {
                d = desired.service(owner, svc, vip, serviceLb(svc));
            } else if (o instanceof io.gatewarden.model.gateway.v1alpha1.Gateway gw) {
                d = desired.aviGateway(owner, gw, vip);
            } else if (o instanceof io.gatewarden.model.gateway.v1.Gateway gw
                    && pools.isLoxiLbClass(owner.cluster(), gw.gatewayClassName())) {
                d = desired.loxilbGateway(owner, gw, vip);
            } else {
                return false;
            }
        } catch (io.gatewarden.applier.ApplierException cannotBuild) {
            return true; // re-driving records why (Pending, Refused)
        }
        Optional<LoadBalancerClient> client = lbs.of(d.lb());
        if (client.isEmpty()) {
            return false;
        }
        Optional<io.gatewarden.applier.lbclient.VirtualService> current = client.get().read(d.name());
        return d.vs() == null ? current.isPresent() : current.map(c -> !c.sameServing(d.vs())).orElse(true);
    }

    /**
     * The load-balancer object of its own that {@link #realize} gives an object ({@code AVI:<name>} or
     * {@code LOXILB:<name>}), null when it gets none (member Services, routes, Ingresses, AKO's HTTP Gateways).
     */
    public String realizedName(OwnerKey owner, KubernetesObject o) {
        Naming naming = new Naming(owner.cluster());
        LoadBalancers.Kind lb = null;
        if (o instanceof Service svc && svc.isLoadBalancer()) {
            lb = serviceLb(svc);
        } else if (o instanceof io.gatewarden.model.gateway.v1alpha1.Gateway) {
            lb = LoadBalancers.Kind.AVI;
        } else if (o instanceof io.gatewarden.model.gateway.v1.Gateway gw && loxilbClass(owner, gw)) {
            lb = LoadBalancers.Kind.LOXILB;
        }
        return lb == null ? null : lb.name() + ":" + naming.l4(o.namespace(), o.name());
    }

    /**
     * Deletes the load-balancer object {@link #realizedName} named, by its exact name (before the VIP goes), if
     * {@code owner} holds the name: another object's virtual service of the same name is never touched.
     */
    public void remove(OwnerKey owner, String realized) {
        if (realized == null) {
            return;
        }
        Optional<OwnerKey> holder = names.claim(realized, owner);
        if (holder.isPresent()) {
            return; // the name is another object's: ours was never built under it
        }
        int colon = realized.indexOf(':');
        LoadBalancers.Kind lb = LoadBalancers.Kind.valueOf(realized.substring(0, colon));
        String name = realized.substring(colon + 1);
        if (lbs.of(lb).isPresent()) {
            try (LockStore.Lease lease = lease(lb, name)) {
                lease.check();
                lbs.of(lb).get().delete(name);
            }
        }
        names.release(realized, owner); // free last: the object is gone
    }

    /** Claims the load-balancer name for the owner before anything is written under it; refuses a collision. */
    private void claim(OwnerKey owner, LoadBalancers.Kind lb, String name) {
        names.claim(lb.name() + ":" + name, owner).ifPresent(holder -> {
            throw new NameCollisionException("load-balancer name " + name + " is already " + describe(holder)
                    + "'s; " + describe(owner) + " would overwrite it, so it is not applied (rename one of them)");
        });
    }

    private static String describe(OwnerKey o) {
        String kind = o.kind().contains(".") ? o.kind().substring(0, o.kind().indexOf('.')) : o.kind();
        return switch (kind) {
            case "Shard" -> "Ingress shard " + o.name() + " of AviInfraSetting " + o.namespace();
            case "Host" -> "dedicated host " + o.name() + " of AviInfraSetting " + o.namespace();
            default -> kind + " " + (o.namespace() == null ? "" : o.namespace() + "/") + o.name();
        };
    }

    private boolean loxilbClass(OwnerKey owner, io.gatewarden.model.gateway.v1.Gateway gw) {
        try {
            return pools.isLoxiLbClass(owner.cluster(), gw.gatewayClassName());
        } catch (io.gatewarden.applier.ApplierException unknownClass) {
            return true; // the class is gone: make sure nothing of the Gateway stays on loxilb
        }
    }

    /** A Warning Event on the object. */
    public void warn(KubernetesObject o, String reason, String message) {
        warn(o.apiVersion(), o.kind(), o.namespace(), o.name(), reason, message);
    }

    public void warn(String apiVersion, String kind, String namespace, String name, String reason, String message) {
        status.warning(apiVersion, kind, namespace, name, reason, message);
    }

    /** Writes the desired state; under a lease, only while the lease is still ours (fencing). */
    private String apply(Desired d, OwnerKey owner, LockStore.Lease lease) {
        Optional<LoadBalancerClient> client = lbs.of(d.lb());
        if (client.isEmpty()) {
            return ALLOCATED;
        }
        lease.check();
        if (d.vs() == null) {
            client.get().delete(d.name());
        } else {
            client.get().apply(d.vs().withOwner(owner.id()));
        }
        return APPLIED;
    }

    /** Whether two versions of a LoadBalancer Service are realized by the same load balancer. */
    public static boolean sameLoadBalancer(Service a, Service b) {
        return serviceLb(a) == serviceLb(b);
    }

    private static LoadBalancers.Kind serviceLb(Service svc) {
        return PoolResolver.isLoxiLbServiceClass(svc.spec() == null ? null : svc.spec().loadBalancerClass())
                ? LoadBalancers.Kind.LOXILB : LoadBalancers.Kind.AVI;
    }

    private static long generation(KubernetesObject o) {
        return o.metadata() == null || o.metadata().generation() == null ? 0 : o.metadata().generation();
    }
}
