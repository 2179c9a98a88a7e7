package io.gatewarden.model.lb;

import io.gatewarden.model.gateway.v1alpha1.Gateway;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import java.util.Optional;

/** The static VIP an object asks for: the first IPAddress of a Gateway, or a Service's requested load-balancer IP (AKO's annotation or spec.loadBalancerIP). */
public final class StaticAddresses {

    private StaticAddresses() {
    }

    public static Optional<String> of(KubernetesObject o) {
        if (o instanceof Gateway gw) {
            return gw.addresses().stream()
                    .filter(a -> a.type() == null || "IPAddress".equals(a.type()))
                    .map(Gateway.Address::value).filter(v -> v != null && !v.isBlank()).findFirst();
        }
        if (o instanceof io.gatewarden.model.gateway.v1.Gateway gw) {
            return gw.addresses().stream().filter(a -> "IPAddress".equals(a.typeOrDefault()))
                    .map(io.gatewarden.model.gateway.v1.Gateway.Address::value)
                    .filter(v -> v != null && !v.isBlank()).findFirst();
        }
        if (o instanceof Service svc) {
            return Optional.ofNullable(svc.requestedLoadBalancerIP());
        }
        return Optional.empty();
    }
}
