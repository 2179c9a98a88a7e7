package io.gatewarden.applier.realize;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.lbclient.LoadBalancerClient;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.applier.cluster.ClusterReader;
import io.gatewarden.applier.store.AllocationStore;
import io.gatewarden.applier.store.LockStore;
import io.gatewarden.applier.store.NameStore;
import io.gatewarden.applier.store.ShardStore;
import io.gatewarden.model.avi.AviInfraSetting;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes a load balancer hold what was built for it ({@link DesiredStates}): claims the name, applies the virtual
 * service through its controller client under the name's lease (or deletes it when nothing is left to serve), and
 * removes one by its exact name. It decides nothing about outcomes and writes no state or status: the kind handlers
 * ({@code applier.kinds}) say what the result means, and the dispatcher writes it. Controller errors propagate.
 */
public class Realizer {

    /** The status word when the object's load balancer has a client and was configured. */
    public static final String APPLIED = Outcome.Status.APPLIED.word();
    /** The status word when the VIP is allocated but no controller is configured for its load balancer. */
    public static final String ALLOCATED = Outcome.Status.ALLOCATED.word();

    private final AllocationStore allocations;
    private final LoadBalancers lbs;
    private final DesiredStates desired;
    private final LockStore locks;
    private final NameStore names;

    /** How long one apply may hold a virtual service's lease, and how long another waits for it. */
    static final Duration HOLD = Duration.ofMinutes(2);
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final LockStore.Lease NO_LEASE = () -> { };

    public Realizer(ClusterReader kube, ShardStore shards, AllocationStore allocations, PoolResolver pools,
            MemberSource members, LoadBalancers lbs, LockStore locks, NameStore names) {
        this.names = names;
        this.locks = locks;
        this.allocations = allocations;
        this.lbs = lbs;
        this.desired = new DesiredStates(kube, shards, pools, members);
    }

    /** Whether an Avi controller is configured (Ingress shards are realized on it). */
    public boolean avi() {
        return lbs.avi().isPresent();
    }

    /** Whether a client for {@code lb} is configured (without one, addresses are allocated but nothing applied). */
    public boolean configured(LoadBalancers.Kind lb) {
        return lbs.of(lb).isPresent();
    }

    /** What objects should be on their load balancers, built from the cluster as it is now. */
    public DesiredStates desired() {
        return desired;
    }

    /**
     * Applies the virtual service of an object that no other object builds into (a LoadBalancer Service): claims
     * its name, then applies it under its lease.
     *
     * @return whether it was applied (false: no controller is configured for its load balancer)
     */
    public boolean applyOwn(OwnerKey owner, Desired d) {
        claim(owner, d.lb(), d.name());
        try (LockStore.Lease lease = lease(d.lb(), d.name())) {
            return apply(d, owner, lease);
        }
    }

    /**
     * Applies the virtual service of a parent whose children change on their own (a Gateway): claims its name,
     * then builds and applies it until two builds agree ({@link #converge}).
     *
     * @return the build applied last
     */
    public Desired applyParent(OwnerKey owner, LoadBalancers.Kind lb, String name, Supplier<Desired> building) {
        claim(owner, lb, name);
        return converge(owner, lb, name, building);
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
    private Desired converge(OwnerKey owner, LoadBalancers.Kind lb, String name, Supplier<Desired> building) {
        Supplier<Desired> build = () -> {
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

    /**
     * Whether a load balancer no longer holds what {@code d} says it should: the virtual service is missing
     * (restored from an old backup, deleted by hand), or its members or listeners differ from what the cluster gives
     * now (pods moved — endpoint changes are not admission events). One read by name.
     */
    public boolean drifted(Desired d) {
        Optional<LoadBalancerClient> client = lbs.of(d.lb());
        if (client.isEmpty()) {
            return false;
        }
        Optional<io.gatewarden.applier.lbclient.VirtualService> current = client.get().read(d.name());
        return d.vs() == null ? current.isPresent() : current.map(c -> !c.sameServing(d.vs())).orElse(true);
    }

    /**
     * Deletes the load-balancer object a kind handler's {@code realizedName} named, by its exact name (before the
     * VIP goes), if {@code owner} holds the name: another object's virtual service of the same name is never
     * touched.
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

    /** Writes the desired state; under a lease, only while the lease is still ours (fencing). */
    private boolean apply(Desired d, OwnerKey owner, LockStore.Lease lease) {
        Optional<LoadBalancerClient> client = lbs.of(d.lb());
        if (client.isEmpty()) {
            return false;
        }
        lease.check();
        if (d.vs() == null) {
            client.get().delete(d.name());
        } else {
            client.get().apply(d.vs().withOwner(owner.id()));
        }
        return true;
    }
}
