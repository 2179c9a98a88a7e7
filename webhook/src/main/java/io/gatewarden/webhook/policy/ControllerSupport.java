package io.gatewarden.webhook.policy;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.model.gateway.v1.Gateway;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What each controller implements of Gateway API v1 (reference sections 1b and 5). */
final class ControllerSupport {

    static final Map<String, Set<String>> PROTOCOLS = Map.of(
            Conventions.AVI_CONTROLLER, Set.of("HTTP", "HTTPS"),
            Conventions.LOXILB_CONTROLLER, Set.of("TCP", "UDP", "HTTP", "HTTPS"));

    private ControllerSupport() {
    }

    static void checkGateway(String controller, Gateway gw, Findings out) {
        Set<String> supported = PROTOCOLS.get(controller);
        FieldPath listeners = FieldPath.root("spec").child("listeners");
        for (int i = 0; i < gw.listeners().size(); i++) {
            Gateway.Listener l = gw.listeners().get(i);
            if (l == null || l.protocol() == null) {
                continue;
            }
            if (!supported.contains(l.protocol())) {
                out.add(Rule.LB_GW_PROTOCOL, FieldError.notSupported(listeners.index(i).child("protocol"), l.protocol(),
                        controller + " supports " + supported.stream().sorted().toList()
                                + (controller.equals(Conventions.AVI_CONTROLLER)
                                        ? "; for L4 on Avi use the services API (networking.x-k8s.io) or a LoadBalancer Service"
                                        : "")));
            }
            if (controller.equals(Conventions.AVI_CONTROLLER) && l.allowedRoutes() != null
                    && l.allowedRoutes().kinds() != null) {
                List<Gateway.RouteGroupKind> kinds = l.allowedRoutes().kinds();
                for (int k = 0; k < kinds.size(); k++) {
                    if (kinds.get(k) != null && !"HTTPRoute".equals(kinds.get(k).kind())) {
                        out.add(Rule.LB_GW_PROTOCOL, FieldError.notSupported(listeners.index(i).child("allowedRoutes")
                                .child("kinds").index(k).child("kind"), kinds.get(k).kind(), "AKO routes only HTTPRoute"));
                    }
                }
            }
        }
        if (controller.equals(Conventions.AVI_CONTROLLER)) {
            List<Gateway.Address> addresses = gw.addresses();
            if (addresses.size() > 1) {
                out.add(Rule.LB_GW_ADDRESSES, FieldError.invalid(FieldPath.root("spec").child("addresses"),
                        addresses.size(), "AKO takes at most one address"));
            }
            for (int i = 0; i < addresses.size(); i++) {
                if (addresses.get(i) != null && !"IPAddress".equals(addresses.get(i).typeOrDefault())) {
                    out.add(Rule.LB_GW_ADDRESSES, FieldError.notSupported(FieldPath.root("spec").child("addresses")
                            .index(i).child("type"), addresses.get(i).type(), "AKO supports type IPAddress only"));
                }
            }
        }
    }
}
