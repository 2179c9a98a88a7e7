package io.gatewarden.webhook.policy;

import io.gatewarden.model.k8s.LegacyIngress;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;

/** networking.k8s.io/v1beta1 and extensions/v1beta1 Ingress: removed in Kubernetes 1.22. */
public class LegacyIngressPolicy implements Policy<LegacyIngress> {

    @Override
    public Class<LegacyIngress> type() {
        return LegacyIngress.class;
    }

    @Override
    public void check(LegacyIngress ing, ClusterView view, Findings out) {
        String example = example(ing);
        out.add(Rule.INGRESS_REMOVED_API, FieldError.notSupported(FieldPath.root("apiVersion"), ing.apiVersion(),
                "Ingress " + ing.apiVersion() + " is not served since Kubernetes 1.22; use networking.k8s.io/v1, "
                        + "where a backend is written " + example + " and every path needs a pathType "
                        + "(Prefix, Exact or ImplementationSpecific)"));
    }

    /** The v1 shape of the first backend, so the user sees exactly what to write. */
    private static String example(LegacyIngress ing) {
        String name = "web-service-1";
        String port = "number: 443";
        if (ing.spec() != null && ing.spec().rules() != null) {
            for (LegacyIngress.Rule r : ing.spec().rules()) {
                if (r != null && r.http() != null && r.http().paths() != null) {
                    for (LegacyIngress.Path p : r.http().paths()) {
                        if (p != null && p.backend() != null && p.backend().serviceName() != null) {
                            name = p.backend().serviceName();
                            Object v = p.backend().servicePort() == null ? null : p.backend().servicePort().value();
                            port = v instanceof Integer ? "number: " + v : "name: " + v;
                            return "backend: {service: {name: " + name + ", port: {" + port + "}}}";
                        }
                    }
                }
            }
        }
        return "backend: {service: {name: " + name + ", port: {" + port + "}}}";
    }
}
