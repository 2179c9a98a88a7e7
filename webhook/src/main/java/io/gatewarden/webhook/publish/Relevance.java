package io.gatewarden.webhook.publish;

import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.gateway.v1.GatewayClass;
import io.gatewarden.model.gateway.v1.Route;
import io.gatewarden.model.k8s.Ingress;
import io.gatewarden.model.k8s.IngressClass;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.webhook.cluster.ClusterView;
import io.gatewarden.model.lb.Conventions;
import java.util.Set;

/** Which admitted objects the applier needs: the load-balancer objects of Avi and LoxiLB. */
final class Relevance {

    private static final Set<String> CONTROLLERS = Set.of(Conventions.AVI_CONTROLLER, Conventions.LOXILB_CONTROLLER);

    private Relevance() {
    }

    static boolean relevant(KubernetesObject o, ClusterView view) {
        if (o instanceof AviInfraSetting) {
            return true;
        }
        if (o instanceof io.gatewarden.model.gateway.v1alpha1.GatewayClass gc) {
            return Conventions.AVI_CONTROLLER.equals(gc.controller());
        }
        if (o instanceof GatewayClass gc) {
            return CONTROLLERS.contains(gc.controllerName());
        }
        if (o instanceof io.gatewarden.model.gateway.v1alpha1.Gateway gw) {
            return view.find(io.gatewarden.model.gateway.v1alpha1.GatewayClass.class, null, gw.gatewayClassName())
                    .map(c -> Conventions.AVI_CONTROLLER.equals(c.controller())).orElse(true);
        }
        if (o instanceof io.gatewarden.model.gateway.v1.Gateway gw) {
            return view.find(GatewayClass.class, null, gw.gatewayClassName())
                    .map(c -> CONTROLLERS.contains(c.controllerName())).orElse(false);
        }
        if (o instanceof Service svc) {
            String cls = svc.spec() == null ? null : svc.spec().loadBalancerClass();
            boolean ourClass = cls == null || cls.isEmpty() || CONTROLLERS.contains(cls);
            return ourClass && (svc.isLoadBalancer() || svc.metadata().label(Conventions.GATEWAY_NAME_LABEL) != null);
        }
        if (o instanceof IngressClass ic) {
            return Conventions.AVI_CONTROLLER.equals(ic.controller());
        }
        if (o instanceof Ingress ing) {
            String cls = ing.spec() == null ? null : ing.spec().ingressClassName();
            return cls == null || view.find(IngressClass.class, null, cls)
                    .map(c -> Conventions.AVI_CONTROLLER.equals(c.controller())).orElse(false);
        }
        if (o instanceof Route route) {
            return route.parentRefs().stream().anyMatch(p -> p != null && p.name() != null
                    && view.find(io.gatewarden.model.gateway.v1.Gateway.class,
                            Conventions.orDefault(p.namespace(), Conventions.namespaceOf(route)), p.name())
                            .flatMap(g -> view.find(GatewayClass.class, null, g.gatewayClassName()))
                            .map(c -> CONTROLLERS.contains(c.controllerName())).orElse(false));
        }
        return false;
    }
}
