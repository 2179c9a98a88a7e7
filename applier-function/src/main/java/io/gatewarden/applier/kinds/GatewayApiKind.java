package io.gatewarden.applier.kinds;

import io.gatewarden.applier.ApplierException;
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
import io.gatewarden.applier.status.StatusReporter.GatewayCondition;
import io.gatewarden.model.gateway.v1.Gateway;
import io.gatewarden.model.k8s.KubernetesObject;
import java.util.List;

/**
 * A Gateway API v1 Gateway. Of a LoxiLB class: a loxilb rule per listener that routes attach to (its children),
 * at the Gateway's VIP. Of an Avi class (AKO's HTTP gateway mode): the address is Gatewarden's, the L7 objects are
 * AKO's to build, so only the address is allocated and shown.
 */
final class GatewayApiKind extends AddressedKind {

    GatewayApiKind(VipAllocator allocator, PoolResolver pools, Realizer realizer) {
        super(Gateway.class, allocator, pools, realizer);
    }

    @Override
    public String realizedName(OwnerKey owner, KubernetesObject o) {
        return loxilbOrGone(owner, (Gateway) o) ? realizedOn(LoadBalancers.Kind.LOXILB, owner, o) : null;
    }

    @Override
    List<VipPool> pools(OwnerKey owner, KubernetesObject o) {
        return pools.forGatewayApi(owner.cluster(), ((Gateway) o).gatewayClassName());
    }

    @Override
    Desired desired(OwnerKey owner, KubernetesObject o, String vip) {
        Gateway gw = (Gateway) o;
        return pools.isLoxiLbClass(owner.cluster(), gw.gatewayClassName())
                ? realizer.desired().loxilbGateway(owner, gw, vip) : null;
    }

    @Override
    Outcome realize(OwnerKey owner, KubernetesObject o, String vip) {
        Gateway gw = (Gateway) o;
        String version = gw.apiVersion().substring(gw.apiVersion().indexOf('/') + 1);
        if (!pools.isLoxiLbClass(owner.cluster(), gw.gatewayClassName())) {
            return Outcome.realized(Outcome.Status.ALLOCATED, vip, new Shown.GatewayStatus("gateway.networking.k8s.io",
                    version, vip, generation(gw), List.of(new GatewayCondition("Accepted", true, "Accepted",
                            "VIP " + vip + " allocated")), List.of()));
        }
        String name = new Naming(owner.cluster()).l4(gw.namespace(), gw.name());
        Desired d = realizer.applyParent(owner, LoadBalancers.Kind.LOXILB, name,
                () -> realizer.desired().loxilbGateway(owner, gw, vip));
        return Outcome.realized(realizer.configured(LoadBalancers.Kind.LOXILB) ? Outcome.Status.APPLIED
                : Outcome.Status.ALLOCATED, vip, new Shown.GatewayStatus("gateway.networking.k8s.io", version, vip,
                        generation(gw), d.conditions(), d.listeners()));
    }

    /** Of a LoxiLB class, or of a class that is gone: then nothing of the Gateway may stay on loxilb. */
    private boolean loxilbOrGone(OwnerKey owner, Gateway gw) {
        try {
            return pools.isLoxiLbClass(owner.cluster(), gw.gatewayClassName());
        } catch (ApplierException unknownClass) {
            return true;
        }
    }
}
