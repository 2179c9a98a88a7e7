package io.gatewarden.webhook.policy;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.gateway.v1alpha1.Gateway;
import io.gatewarden.model.gateway.v1alpha1.GatewayClass;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;
import inet.ipaddr.IPAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** AKO services-API Gateway (networking.x-k8s.io/v1alpha1): the wiring AKO otherwise drops silently. */
public class AviGatewayPolicy implements Policy<Gateway> {

    static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    static final int MAX_LISTENERS = 64;

    @Override
    public Class<Gateway> type() {
        return Gateway.class;
    }

    @Override
    public void check(Gateway gw, ClusterView view, Findings out) {
        Optional<GatewayClass> cls = resolveClass(gw, view, out);
        if (cls.isEmpty()) {
            return;
        }
        FieldPath listeners = FieldPath.root("spec").child("listeners");
        if (gw.listeners().isEmpty() || gw.listeners().size() > MAX_LISTENERS) {
            out.add(Rule.AVI_GW_LISTENER_COUNT, FieldError.invalid(listeners, gw.listeners().size(),
                    "a Gateway needs 1 to " + MAX_LISTENERS + " listeners"));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < gw.listeners().size(); i++) {
            checkListener(gw, gw.listeners().get(i), listeners.index(i), seen, i, out);
        }
        checkAddress(gw, cls.get(), view, out);
        LoadBalancerNameClaims.check(gw, LoadBalancerNameClaims.Controller.AVI, view, out);
    }

    /** The Gateway's class when it is AKO's; reports when it is missing or not AKO's although AKO labels are used. */
    private Optional<GatewayClass> resolveClass(Gateway gw, ClusterView view, Findings out) {
        FieldPath path = FieldPath.root("spec").child("gatewayClassName");
        String name = gw.gatewayClassName();
        if (name == null || name.isEmpty()) {
            out.add(Rule.AVI_GW_CLASS, FieldError.required(path, "name the GatewayClass (controller "
                    + Conventions.AVI_CONTROLLER + ") this Gateway belongs to"));
            return Optional.empty();
        }
        Optional<GatewayClass> cls = view.find(GatewayClass.class, null, name);
        if (cls.isEmpty()) {
            out.addMissing(Rule.AVI_GW_CLASS, FieldError.notFound(path, name,
                    "no GatewayClass (networking.x-k8s.io/v1alpha1) named \"" + name + "\"; AKO ignores a Gateway "
                            + "whose class does not exist"), "GatewayClass " + name);
            return Optional.empty();
        }
        if (!Conventions.AVI_CONTROLLER.equals(cls.get().controller())) {
            if (usesAkoLabels(gw)) {
                out.add(Rule.AVI_GW_CLASS, FieldError.invalid(path, name, "the class's controller is \""
                        + cls.get().controller() + "\", so AKO ignores this Gateway although its listeners select "
                        + "AKO's gateway labels; use a class with controller " + Conventions.AVI_CONTROLLER));
            }
            return Optional.empty();
        }
        return cls;
    }

    private static boolean usesAkoLabels(Gateway gw) {
        return gw.listeners().stream().map(AviGatewayPolicy::matchLabels)
                .anyMatch(m -> m.containsKey(Conventions.GATEWAY_NAME_LABEL) || m.containsKey(Conventions.GATEWAY_NAMESPACE_LABEL));
    }

    static Map<String, String> matchLabels(Gateway.Listener l) {
        if (l == null || l.routes() == null || l.routes().selector() == null
                || l.routes().selector().matchLabels() == null) {
            return Map.of();
        }
        return l.routes().selector().matchLabels();
    }

    private void checkListener(Gateway gw, Gateway.Listener l, FieldPath path, Map<String, Integer> seen, int index,
            Findings out) {
        if (l == null) {
            return;
        }
        FieldPath labelsPath = path.child("routes").child("selector").child("matchLabels");
        Map<String, String> labels = matchLabels(l);
        expectLabel(labels, labelsPath, Conventions.GATEWAY_NAME_LABEL, gw.name(), "name", out);
        expectLabel(labels, labelsPath, Conventions.GATEWAY_NAMESPACE_LABEL, Conventions.namespaceOf(gw), "namespace", out);
        if (l.port() == null || l.port() < 1 || l.port() > 65535) {
            out.add(Rule.AVI_GW_PORT, l.port() == null ? FieldError.required(path.child("port"), "a port 1..65535")
                    : FieldError.invalid(path.child("port"), l.port(), "must be between 1 and 65535"));
        }
        if (l.protocol() == null || !PROTOCOLS.contains(l.protocol())) {
            out.add(Rule.AVI_GW_PROTOCOL, l.protocol() == null
                    ? FieldError.required(path.child("protocol"), "one of TCP, UDP, SCTP")
                    : FieldError.notSupported(path.child("protocol"), l.protocol(), "supported values: TCP, UDP, SCTP"));
        }
        if (l.protocol() != null && l.port() != null) {
            String key = l.protocol() + "/" + l.port();
            Integer first = seen.putIfAbsent(key, index);
            if (first != null) {
                out.add(Rule.AVI_GW_DUPLICATE_LISTENER, FieldError.duplicate(path, key, "listener " + first
                        + " already serves " + key + "; each protocol/port pair once (TCP and UDP on one port is fine)"));
            }
        }
    }

    private static void expectLabel(Map<String, String> labels, FieldPath path, String key, String expected,
            String what, Findings out) {
        String actual = labels.get(key);
        if (actual == null) {
            out.add(Rule.AVI_GW_MATCH_LABELS, FieldError.required(path.key(key), "AKO needs " + key + ": "
                    + expected + " (the Gateway's own " + what + ") or it ignores the whole Gateway"));
        } else if (!actual.equals(expected)) {
            out.add(Rule.AVI_GW_MATCH_LABELS, FieldError.invalid(path.key(key), actual,
                    "must equal the Gateway's " + what + " \"" + expected + "\""));
        }
    }

    private void checkAddress(Gateway gw, GatewayClass cls, ClusterView view, Findings out) {
        List<Gateway.Address> addresses = gw.addresses();
        for (int i = 0; i < addresses.size(); i++) {
            Gateway.Address a = addresses.get(i);
            if (a == null || !(a.type() == null || "IPAddress".equals(a.type()))) {
                continue;
            }
            FieldPath path = FieldPath.root("spec").child("addresses").index(i).child("value");
            Optional<IPAddress> ip = Addresses.parseAddress(a.value());
            if (ip.isEmpty() || !ip.get().isIPv4()) {
                out.add(Rule.AVI_GW_ADDRESS, FieldError.invalid(path, a.value(),
                        "AKO uses the first IPAddress as the static VIP: an IPv4 address without prefix, e.g. 10.10.16.232"));
                return;
            }
            checkInVipNetworks(ip.get(), path, cls, view, out);
            VipClaims.check(gw, a.value(), path, view, out);
            return; // only the first IPAddress is used
        }
    }

    private static void checkInVipNetworks(IPAddress ip, FieldPath path, GatewayClass cls, ClusterView view,
            Findings out) {
        if (cls.spec() == null || cls.spec().parametersRef() == null || cls.spec().parametersRef().name() == null) {
            return;
        }
        Optional<AviInfraSetting> setting = view.find(AviInfraSetting.class, null, cls.spec().parametersRef().name());
        List<String> cidrs = setting.map(s -> s.vipNetworks().stream()
                .map(AviInfraSetting.VipNetwork::cidr).filter(c -> c != null).toList()).orElse(List.of());
        if (cidrs.isEmpty()) {
            return;
        }
        boolean inside = cidrs.stream().map(Addresses::parseCidr).flatMap(Optional::stream)
                .anyMatch(block -> block.contains(ip));
        if (!inside) {
            out.add(Rule.AVI_GW_ADDRESS, FieldError.invalid(path, ip.toString(), "lies outside the VIP networks "
                    + cidrs + " of AviInfraSetting \"" + setting.get().name() + "\""));
        }
    }
}
