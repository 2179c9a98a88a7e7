package io.gatewarden.webhook.policy;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.model.gateway.v1alpha1.Gateway;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;
import java.util.List;
import java.util.Optional;

/**
 * Services that join an AKO Gateway through labels, and LoadBalancer Services that pick an AviInfraSetting.
 * Services of another {@code loadBalancerClass} are not Avi's and get no findings.
 */
public class ServicePolicy implements Policy<Service> {

    @Override
    public Class<Service> type() {
        return Service.class;
    }

    @Override
    public void check(Service svc, ClusterView view, Findings out) {
        if (!belongsToAvi(svc)) {
            if (svc.metadata() != null && svc.isLoadBalancer()
                    && LoadBalancerNameClaims.controllerOf(svc) == LoadBalancerNameClaims.Controller.LOXILB) {
                LoadBalancerNameClaims.check(svc, LoadBalancerNameClaims.Controller.LOXILB, view, out);
            }
            return;
        }
        String gwName = svc.metadata().label(Conventions.GATEWAY_NAME_LABEL);
        String gwNs = svc.metadata().label(Conventions.GATEWAY_NAMESPACE_LABEL);
        if (gwName != null || gwNs != null) {
            checkGatewayMember(svc, gwName, gwNs, view, out);
        }
        if (svc.isLoadBalancer()) {
            LoadBalancerNameClaims.Controller lb = LoadBalancerNameClaims.controllerOf(svc);
            if (lb != null) {
                LoadBalancerNameClaims.check(svc, lb, view, out);
            }
            String setting = svc.metadata().annotation(Conventions.INFRA_SETTING_ANNOTATION);
            if (setting != null) {
                InfraSettingRefs.exists(setting, FieldPath.root("metadata").child("annotations")
                        .key(Conventions.INFRA_SETTING_ANNOTATION), Rule.AVI_SVC_INFRA_SETTING, view, out);
            }
            String ip = svc.requestedLoadBalancerIP();
            if (ip != null) {
                FieldPath path = svc.metadata().annotation(Service.AKO_LOAD_BALANCER_IP_ANNOTATION) != null
                        ? FieldPath.root("metadata").child("annotations").key(Service.AKO_LOAD_BALANCER_IP_ANNOTATION)
                        : FieldPath.root("spec").child("loadBalancerIP");
                VipClaims.check(svc, ip, path, view, out);
            }
        }
    }

    /** No loadBalancerClass (the cluster default) or Avi's own. */
    public static boolean belongsToAvi(Service svc) {
        String cls = svc.spec() == null ? null : svc.spec().loadBalancerClass();
        return svc.metadata() != null && (cls == null || cls.isEmpty() || Conventions.AVI_CONTROLLER.equals(cls));
    }

    private void checkGatewayMember(Service svc, String gwName, String gwNs, ClusterView view, Findings out) {
        FieldPath labels = FieldPath.root("metadata").child("labels");
        if (gwName == null || gwNs == null) {
            String missing = gwName == null ? Conventions.GATEWAY_NAME_LABEL : Conventions.GATEWAY_NAMESPACE_LABEL;
            out.add(Rule.AVI_SVC_GATEWAY_LABELS, FieldError.required(labels.key(missing),
                    "a Service joins a Gateway only with both " + Conventions.GATEWAY_NAME_LABEL + " and "
                            + Conventions.GATEWAY_NAMESPACE_LABEL));
            return;
        }
        if (svc.isLoadBalancer()) {
            out.add(Rule.AVI_SVC_LOADBALANCER_ON_GATEWAY, FieldError.invalid(FieldPath.root("spec").child("type"),
                    "LoadBalancer", "current AKO gives a LoadBalancer Service its own VIP and never attaches it to "
                            + "Gateway " + gwNs + "/" + gwName + "; use type ClusterIP to share the Gateway's VIP"));
        }
        Optional<Gateway> gw = view.find(Gateway.class, gwNs, gwName);
        if (gw.isEmpty()) {
            out.addMissing(Rule.AVI_SVC_GATEWAY_NOT_FOUND, FieldError.notFound(labels.key(Conventions.GATEWAY_NAME_LABEL),
                    gwName, "no Gateway (networking.x-k8s.io/v1alpha1) " + gwNs + "/" + gwName),
                    "Gateway " + gwNs + "/" + gwName);
            return;
        }
        List<String> listeners = gw.get().listeners().stream()
                .filter(l -> l != null && l.protocol() != null && l.port() != null)
                .map(l -> l.protocol() + "/" + l.port()).toList();
        ObjectRef me = ObjectRef.of(svc);
        for (int i = 0; i < svc.ports().size(); i++) {
            Service.Port p = svc.ports().get(i);
            if (p == null || p.port() == null) {
                continue;
            }
            String key = p.protocolOrDefault() + "/" + p.port();
            FieldPath path = FieldPath.root("spec").child("ports").index(i);
            if (!listeners.contains(key)) {
                out.add(Rule.AVI_SVC_PORT_NO_LISTENER, FieldError.notFound(path, key, "Gateway " + gwNs + "/"
                        + gwName + " has no listener " + key + "; its listeners are " + listeners
                        + " — AKO never serves this port"));
                continue;
            }
            firstClaimant(view.servicesOfGateway(gwNs, gwName), key).filter(o -> !o.sameObjectAs(me))
                    .ifPresent(o -> out.add(Rule.AVI_SVC_PORT_CONFLICT, FieldError.duplicate(path, key,
                            "listener " + key + " of Gateway " + gwNs + "/" + gwName + " is already claimed by " + o
                                    + "; AKO marks it PortConflict and builds no pool for it")));
        }
    }

    private static Optional<ObjectRef> firstClaimant(List<Service> members, String key) {
        return members.stream()
                .filter(s -> s.ports().stream().anyMatch(p -> p != null && p.port() != null
                        && key.equals(p.protocolOrDefault() + "/" + p.port())))
                .map(ObjectRef::of).findFirst();
    }
}
