package io.gatewarden.applier.kinds;

import io.gatewarden.applier.addresses.VipPool;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.VipAllocator;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.applier.outcome.Shown;
import io.gatewarden.applier.realize.Desired;
import io.gatewarden.applier.realize.LoadBalancers;
import io.gatewarden.applier.realize.Naming;
import io.gatewarden.applier.realize.Realizer;
import io.gatewarden.model.gateway.v1alpha1.Gateway;
import io.gatewarden.model.k8s.KubernetesObject;
import java.util.List;

/**
 * AKO's Gateway ({@code networking.x-k8s.io/v1alpha1}): one Avi L4 virtual service at the Gateway's VIP, with a
 * pool per listener built from the Services labelled into it (its children).
 */
final class AviGatewayKind extends AddressedKind {

    AviGatewayKind(VipAllocator allocator, PoolResolver pools, Realizer realizer) {
        super(Gateway.class, allocator, pools, realizer);
    }

    @Override
    public String realizedName(OwnerKey owner, KubernetesObject o) {
        return realizedOn(LoadBalancers.Kind.AVI, owner, o);
    }

    @Override
    List<VipPool> pools(OwnerKey owner, KubernetesObject o) {
        return pools.forAviGateway(owner.cluster(), ((Gateway) o).gatewayClassName());
    }

    @Override
    Desired desired(OwnerKey owner, KubernetesObject o, String vip) {
        return realizer.desired().aviGateway(owner, (Gateway) o, vip);
    }

    @Override
    Outcome realize(OwnerKey owner, KubernetesObject o, String vip) {
        String name = new Naming(owner.cluster()).l4(o.namespace(), o.name());
        Desired d = realizer.applyParent(owner, LoadBalancers.Kind.AVI, name, () -> desired(owner, o, vip));
        return Outcome.realized(realizer.configured(LoadBalancers.Kind.AVI) ? Outcome.Status.APPLIED
                : Outcome.Status.ALLOCATED, vip, new Shown.GatewayStatus("networking.x-k8s.io", "v1alpha1", vip,
                        generation(o), d.conditions(), d.listeners()));
    }
}
