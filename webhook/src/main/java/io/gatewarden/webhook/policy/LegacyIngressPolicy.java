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

    /**
     * The v1 shape of the Ingress's own first backend (a rule's, else the default {@code spec.backend}), so the user
     * sees exactly what to write; a placeholder only when the object names no backend at all.
     */
    private static String example(LegacyIngress ing) {
        LegacyIngress.Backend first = null;
        if (ing.spec() != null && ing.spec().rules() != null) {
            first = ing.spec().rules().stream()
                    .filter(r -> r != null && r.http() != null && r.http().paths() != null)
                    .flatMap(r -> r.http().paths().stream())
                    .filter(p -> p != null && p.backend() != null && p.backend().serviceName() != null)
                    .map(LegacyIngress.Path::backend).findFirst().orElse(null);
        }
        if (first == null && ing.spec() != null && ing.spec().backend() != null
                && ing.spec().backend().serviceName() != null) {
            first = ing.spec().backend();
        }
        if (first == null) {
            return "backend: {service: {name: <service>, port: {number: <port>}}}";
        }
        Object port = first.servicePort() == null ? null : first.servicePort().value();
        String v1Port = port instanceof Integer ? "number: " + port : port == null ? "number: <port>" : "name: " + port;
        return "backend: {service: {name: " + first.serviceName() + ", port: {" + v1Port + "}}}";
    }
}
