package io.gatewarden.webhook.policy;

import io.gatewarden.model.k8s.Ingress;
import io.gatewarden.model.k8s.IngressClass;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** networking.k8s.io/v1 Ingress: its class must exist; TLS hosts should be served by a rule. */
public class IngressPolicy implements Policy<Ingress> {

    @Override
    public Class<Ingress> type() {
        return Ingress.class;
    }

    @Override
    public void check(Ingress ing, ClusterView view, Findings out) {
        String cls = ing.spec() == null ? null : ing.spec().ingressClassName();
        if (cls != null && view.find(IngressClass.class, null, cls).isEmpty()) {
            out.addMissing(Rule.INGRESS_CLASS_NOT_FOUND, FieldError.notFound(
                    FieldPath.root("spec").child("ingressClassName"), cls,
                    "no IngressClass named \"" + cls + "\"; no controller will serve this Ingress"), "IngressClass " + cls);
        }
        Set<String> ruleHosts = new HashSet<>();
        ing.rules().forEach(r -> {
            if (r != null && r.host() != null) {
                ruleHosts.add(r.host());
            }
        });
        List<Ingress.Tls> tls = ing.tls();
        for (int i = 0; i < tls.size(); i++) {
            List<String> hosts = tls.get(i) == null || tls.get(i).hosts() == null ? List.of() : tls.get(i).hosts();
            for (int j = 0; j < hosts.size(); j++) {
                String host = hosts.get(j);
                if (host != null && !ruleHosts.contains(host)) {
                    out.add(Rule.INGRESS_TLS_HOST_UNUSED, FieldError.invalid(
                            FieldPath.root("spec").child("tls").index(i).child("hosts").index(j), host,
                            "no rule serves this host, so AKO creates no SNI virtual service for it; rule hosts: "
                                    + ruleHosts.stream().sorted().toList()));
                }
            }
        }
    }
}
