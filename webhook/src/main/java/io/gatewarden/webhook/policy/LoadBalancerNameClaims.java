package io.gatewarden.webhook.policy;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.lb.AkoNames;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;
import java.util.Optional;

/**
 * One load-balancer name, one object (LB-NAME-001). AKO names an L4 virtual service (a Gateway's, a LoadBalancer
 * Service's) {@code <cluster>--<namespace>-<name>}, so Service {@code oam-syslog} in {@code demo} and Gateway
 * {@code syslog} in {@code demo-oam} would both own {@code <cluster>--demo-oam-syslog} on the same controller.
 * The webhook refuses the second; the applier refuses it too (a name claim) should it get past admission.
 * Lookups: one per dash of {@code <namespace>-<name>}, so the cost does not grow with the cluster.
 */
final class LoadBalancerNameClaims {

    /** Which controller an L4 object is realized on: names only collide on the same one. */
    enum Controller { AVI, LOXILB }

    private LoadBalancerNameClaims() {
    }

    static void check(KubernetesObject self, Controller controller, ClusterView view, Findings out) {
        String ns = Conventions.namespaceOf(self);
        for (String[] pair : AkoNames.collidingPairs(ns, self.name())) {
            Optional<KubernetesObject> other = holder(pair[0], pair[1], controller, view);
            if (other.isPresent()) {
                out.add(Rule.LB_NAME_CONFLICT, FieldError.duplicate(FieldPath.root("metadata").child("name"),
                        self.name(), "its load-balancer name <cluster>--" + AkoNames.l4Suffix(ns, self.name())
                                + " (AKO: <namespace>-<name>) is already " + ObjectRef.of(other.get()) + "'s on "
                                + (controller == Controller.AVI ? "Avi" : "LoxiLB") + "; rename one of them"));
                return;
            }
        }
    }

    /** The Service or Gateway of that namespace and name that gets an L4 object on {@code controller}, if any. */
    private static Optional<KubernetesObject> holder(String ns, String name, Controller controller, ClusterView view) {
        Optional<Service> svc = view.find(Service.class, ns, name).filter(Service::isLoadBalancer)
                .filter(s -> controllerOf(s) == controller);
        if (svc.isPresent()) {
            return Optional.of(svc.get());
        }
        if (controller == Controller.AVI) {
            return view.find(io.gatewarden.model.gateway.v1alpha1.Gateway.class, ns, name).map(g -> g);
        }
        return view.find(io.gatewarden.model.gateway.v1.Gateway.class, ns, name)
                .filter(g -> GatewayApiPolicy.controllerOf(g, view).filter(Conventions.LOXILB_CONTROLLER::equals).isPresent())
                .map(g -> g);
    }

    static Controller controllerOf(Service svc) {
        return ServicePolicy.belongsToAvi(svc) ? Controller.AVI : Conventions.LOXILB_CONTROLLER.equals(
                svc.spec().loadBalancerClass()) ? Controller.LOXILB : null;
    }
}
