package io.gatewarden.applier.kinds;

import io.gatewarden.applier.addresses.VipPool;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.VipAllocator;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.outcome.Change;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.applier.outcome.Shown;
import io.gatewarden.applier.realize.Desired;
import io.gatewarden.applier.realize.LoadBalancers;
import io.gatewarden.applier.realize.Realizer;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.lb.Conventions;
import java.util.List;

/**
 * A Service. Of type LoadBalancer: its own virtual service (Avi, or loxilb by its {@code loadBalancerClass}) at its
 * VIP. Otherwise a member of the AKO Gateway its labels name, if any, holding no address (one it held as a
 * LoadBalancer is freed; its virtual service was removed by its exact name before).
 */
final class ServiceKind extends AddressedKind {

    ServiceKind(VipAllocator allocator, PoolResolver pools, Realizer realizer) {
        super(Service.class, allocator, pools, realizer);
    }

    @Override
    public List<OwnerKey> parents(String cluster, KubernetesObject o) {
        Service svc = (Service) o;
        String gw = svc.metadata().label(Conventions.GATEWAY_NAME_LABEL);
        String ns = svc.metadata().label(Conventions.GATEWAY_NAMESPACE_LABEL);
        return svc.isLoadBalancer() || gw == null || ns == null ? List.of()
                : List.of(new OwnerKey(cluster, Gateways.V1ALPHA1, ns, gw));
    }

    @Override
    public String realizedName(OwnerKey owner, KubernetesObject o) {
        Service svc = (Service) o;
        return svc.isLoadBalancer() ? realizedOn(lb(svc), owner, o) : null;
    }

    @Override
    public Outcome handle(Change change) {
        if (((Service) change.object()).isLoadBalancer()) {
            return super.handle(change);
        }
        Outcome.Status s = parents(change.owner().cluster(), change.object()).isEmpty() ? Outcome.Status.RECORDED
                : Outcome.Status.MEMBER;
        return Outcome.of(s).freeingWhatItHeld(change.before());
    }

    @Override
    List<VipPool> pools(OwnerKey owner, KubernetesObject o) {
        Service svc = (Service) o;
        return pools.forService(owner.cluster(), svc.spec().loadBalancerClass(),
                svc.metadata().annotation(Conventions.INFRA_SETTING_ANNOTATION));
    }

    @Override
    Desired desired(OwnerKey owner, KubernetesObject o, String vip) {
        Service svc = (Service) o;
        return svc.isLoadBalancer() ? realizer.desired().service(owner, svc, vip, lb(svc)) : null;
    }

    @Override
    Outcome realize(OwnerKey owner, KubernetesObject o, String vip) {
        boolean applied = realizer.applyOwn(owner, desired(owner, o, vip));
        return Outcome.realized(applied ? Outcome.Status.APPLIED : Outcome.Status.ALLOCATED, vip,
                new Shown.ServiceVip(vip));
    }

    private static LoadBalancers.Kind lb(Service svc) {
        return PoolResolver.isLoxiLbServiceClass(svc.spec() == null ? null : svc.spec().loadBalancerClass())
                ? LoadBalancers.Kind.LOXILB : LoadBalancers.Kind.AVI;
    }
}
