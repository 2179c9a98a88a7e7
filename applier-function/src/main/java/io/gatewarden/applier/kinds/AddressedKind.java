package io.gatewarden.applier.kinds;

import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.addresses.VipPool;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.VipAllocator;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.outcome.Change;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.applier.realize.Desired;
import io.gatewarden.applier.realize.LoadBalancers;
import io.gatewarden.applier.realize.Naming;
import io.gatewarden.applier.realize.Realizer;
import io.gatewarden.applier.store.Lease;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.lb.StaticAddresses;
import java.util.List;

/**
 * A kind whose objects hold a VIP and a load-balancer object of their own (Gateways, LoadBalancer Services): the
 * address is allocated (or kept), the object realized at it, and the old address of a move freed only after the
 * load balancer serves the new one.
 */
abstract class AddressedKind implements KindHandler {

    private final Class<? extends KubernetesObject> type;
    private final VipAllocator allocator;
    final PoolResolver pools;
    final Realizer realizer;

    AddressedKind(Class<? extends KubernetesObject> type, VipAllocator allocator, PoolResolver pools,
            Realizer realizer) {
        this.type = type;
        this.allocator = allocator;
        this.pools = pools;
        this.realizer = realizer;
    }

    /** The pools the object's address comes from. */
    abstract List<VipPool> pools(OwnerKey owner, KubernetesObject o);


    /** What the object should be on its load balancer at {@code vip}; null when it gets no virtual service. */
    abstract Desired desired(OwnerKey owner, KubernetesObject o, String vip);

    /** Realizes the object at {@code vip} on its load balancer. */
    abstract Outcome realize(OwnerKey owner, KubernetesObject o, String vip);

    @Override
    public boolean handles(KubernetesObject o) {
        return type.isInstance(o);
    }

    /** The name of the object's own virtual service on {@code lb}, as the state records it ({@code AVI:<name>}). */
    static String realizedOn(LoadBalancers.Kind lb, OwnerKey owner, KubernetesObject o) {
        return lb.name() + ":" + new Naming(owner.cluster()).l4(o.namespace(), o.name());
    }

    @Override
    public Outcome handle(Change change) {
        Lease lease = allocator.allocate(change.owner(), pools(change.owner(), change.object()),
                StaticAddresses.of(change.object()).orElse(null)); // null: any address will do
        Outcome out = realize(change.owner(), change.object(), lease.address());
        boolean moved = change.before().map(ObjectState::vip).filter(v -> !v.equals(lease.address())).isPresent();
        return moved || change.before().map(ObjectState::movedFrom).isPresent() ? out.finishingMove() : out;
    }

    @Override
    public Outcome rebuild(OwnerKey owner, KubernetesObject o, String vip) {
        return realize(owner, o, vip);
    }

    @Override
    public boolean drifted(OwnerKey owner, KubernetesObject o, String vip) {
        Desired d;
        try {
            d = desired(owner, o, vip);
        } catch (ApplierException cannotBuild) {
            return true; // re-driving records why (Pending, Refused)
        }
        return d != null && realizer.drifted(d);
    }

    static long generation(KubernetesObject o) {
        return o.metadata() == null || o.metadata().generation() == null ? 0 : o.metadata().generation();
    }
}
