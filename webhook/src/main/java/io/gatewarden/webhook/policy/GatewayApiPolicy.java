package io.gatewarden.webhook.policy;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.model.gateway.v1.Gateway;
import io.gatewarden.model.gateway.v1.GatewayClass;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gateway API v1 Gateway. Generic rules mirror the API's own validation (so they never contradict the API
 * server) and apply to every class; controller rules apply only to Avi and LoxiLB classes.
 */
public class GatewayApiPolicy implements Policy<Gateway> {

    private static final Set<String> NO_TLS = Set.of("HTTP", "TCP", "UDP");
    private static final Set<String> NEED_TLS = Set.of("HTTPS", "TLS");
    private static final Set<String> NO_HOSTNAME = Set.of("TCP", "UDP");
    private static final String DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    @Override
    public Class<Gateway> type() {
        return Gateway.class;
    }

    @Override
    public void check(Gateway gw, ClusterView view, Findings out) {
        FieldPath listeners = FieldPath.root("spec").child("listeners");
        if (gw.listeners().isEmpty() || gw.listeners().size() > 64) {
            out.add(Rule.GW_LISTENERS, FieldError.invalid(listeners, gw.listeners().size(), "1 to 64 listeners"));
        }
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> keys = new HashMap<>();
        for (int i = 0; i < gw.listeners().size(); i++) {
            Gateway.Listener l = gw.listeners().get(i);
            if (l != null) {
                checkListener(l, listeners.index(i), i, names, keys, out);
            }
        }
        checkAddresses(gw.addresses(), FieldPath.root("spec").child("addresses"), out);
        controllerOf(gw, view).ifPresent(c -> ControllerSupport.checkGateway(c, gw, out));
        if (controllerOf(gw, view).filter(Conventions.LOXILB_CONTROLLER::equals).isPresent()) {
            LoadBalancerNameClaims.check(gw, LoadBalancerNameClaims.Controller.LOXILB, view, out);
        }
    }

    /** The controller name of the Gateway's class when it is Avi's or LoxiLB's. */
    static Optional<String> controllerOf(Gateway gw, ClusterView view) {
        return Optional.ofNullable(gw.gatewayClassName())
                .flatMap(n -> view.find(GatewayClass.class, null, n))
                .map(GatewayClass::controllerName)
                .filter(c -> c.equals(Conventions.AVI_CONTROLLER) || c.equals(Conventions.LOXILB_CONTROLLER));
    }

    private static void checkListener(Gateway.Listener l, FieldPath path, int index, Map<String, Integer> names,
            Map<String, Integer> keys, Findings out) {
        if (l.name() == null || l.name().length() > 253 || !l.name().matches(DNS_SUBDOMAIN)) {
            out.add(Rule.GW_LISTENERS, FieldError.invalid(path.child("name"), l.name(),
                    "a DNS subdomain of at most 253 characters (lower case letters, digits, '-', '.')"));
        } else {
            Integer first = names.putIfAbsent(l.name(), index);
            if (first != null) {
                out.add(Rule.GW_LISTENERS, FieldError.duplicate(path.child("name"), l.name(),
                        "listener " + first + " already has this name; names must be unique"));
            }
        }
        if (l.port() == null || l.port() < 1 || l.port() > 65535) {
            out.add(Rule.GW_LISTENERS, FieldError.invalid(path.child("port"), l.port(), "must be between 1 and 65535"));
        }
        String protocol = l.protocol() == null ? "" : l.protocol();
        String key = l.port() + "/" + protocol + "/" + (l.hostname() == null ? "" : l.hostname());
        Integer first = keys.putIfAbsent(key, index);
        if (first != null) {
            out.add(Rule.GW_LISTENER_CONFLICT, FieldError.duplicate(path, protocol + " " + l.port()
                    + (l.hostname() == null ? "" : " " + l.hostname()),
                    "listener " + first + " has the same port, protocol and hostname; change one of them"));
        }
        if (l.tls() != null && NO_TLS.contains(protocol)) {
            out.add(Rule.GW_TLS, FieldError.forbidden(path.child("tls"), "tls must not be set for protocol " + protocol));
        }
        if (NEED_TLS.contains(protocol)) {
            checkTls(l, protocol, path, out);
        }
        if (l.hostname() != null && NO_HOSTNAME.contains(protocol)) {
            out.add(Rule.GW_HOSTNAME, FieldError.forbidden(path.child("hostname"),
                    "hostname must not be set for protocol " + protocol));
        }
    }

    private static void checkTls(Gateway.Listener l, String protocol, FieldPath path, Findings out) {
        if (l.tls() == null) {
            out.add(Rule.GW_TLS, FieldError.required(path.child("tls"), "protocol " + protocol + " needs tls"));
            return;
        }
        boolean modeSet = l.tls().mode() != null && !l.tls().mode().isEmpty();
        if ("TLS".equals(protocol) && !modeSet) {
            out.add(Rule.GW_TLS, FieldError.required(path.child("tls").child("mode"),
                    "protocol TLS needs tls.mode: Terminate or Passthrough"));
            return;
        }
        String mode = modeSet ? l.tls().mode() : "Terminate";
        if ("HTTPS".equals(protocol) && !"Terminate".equals(mode)) {
            out.add(Rule.GW_TLS, FieldError.notSupported(path.child("tls").child("mode"), mode,
                    "HTTPS listeners terminate TLS: mode Terminate"));
        }
        boolean refs = l.tls().certificateRefs() != null && !l.tls().certificateRefs().isEmpty();
        boolean options = l.tls().options() != null && !l.tls().options().isEmpty();
        if ("Terminate".equals(mode) && !refs && !options) {
            out.add(Rule.GW_TLS, FieldError.required(path.child("tls").child("certificateRefs"),
                    "mode Terminate needs certificateRefs (a Secret with the certificate) or implementation options"));
        }
    }

    private static void checkAddresses(List<Gateway.Address> addresses, FieldPath path, Findings out) {
        if (addresses.size() > 16) {
            out.add(Rule.GW_ADDRESSES, FieldError.invalid(path, addresses.size(), "at most 16 addresses"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            Gateway.Address a = addresses.get(i);
            if (a == null) {
                continue;
            }
            FieldPath value = path.index(i).child("value");
            if (a.value() == null) {
                continue; // optional since Gateway API v1.3: the implementation assigns an address of that type
            }
            if ("IPAddress".equals(a.typeOrDefault()) && Addresses.parseAddress(a.value()).isEmpty()) {
                out.add(Rule.GW_ADDRESSES, FieldError.invalid(value, a.value(),
                        "an IPv4 or IPv6 address without prefix or port, e.g. 192.0.2.10"));
            } else if ("Hostname".equals(a.typeOrDefault()) && !Addresses.isHostname(a.value())) {
                out.add(Rule.GW_ADDRESSES, FieldError.invalid(value, a.value(), "a DNS hostname, e.g. lb.example.com"));
            }
            if (a.value() != null && !seen.add(a.value())) {
                out.add(Rule.GW_ADDRESSES, FieldError.duplicate(value, a.value(), "each address once"));
            }
        }
    }
}
