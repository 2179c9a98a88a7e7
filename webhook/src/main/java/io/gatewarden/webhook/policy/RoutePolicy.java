package io.gatewarden.webhook.policy;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.model.gateway.v1.BackendRef;
import io.gatewarden.model.gateway.v1.Gateway;
import io.gatewarden.model.gateway.v1.HTTPRoute;
import io.gatewarden.model.gateway.v1.ParentReference;
import io.gatewarden.model.gateway.v1.Route;
import io.gatewarden.model.gateway.v1.TCPRoute;
import io.gatewarden.model.gateway.v1.UDPRoute;
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
 * TCPRoute, UDPRoute and HTTPRoute. Generic rules for every route; attachment rules only where the parent
 * Gateway's class is Avi's or LoxiLB's. A backend Service that does not exist is not reported: kube-loxilb
 * creates it (reference section 5).
 */
public abstract class RoutePolicy<R extends Route> implements Policy<R> {

    private static final Map<String, Set<String>> PROTOCOLS_BY_KIND = Map.of(
            "TCPRoute", Set.of("TCP"), "UDPRoute", Set.of("UDP"), "HTTPRoute", Set.of("HTTP", "HTTPS"));

    @Override
    public void check(R route, ClusterView view, Findings out) {
        FieldPath parents = FieldPath.root("spec").child("parentRefs");
        checkParentUniqueness(route.parentRefs(), parents, out);
        checkBackends(route, out);
        for (int i = 0; i < route.parentRefs().size(); i++) {
            ParentReference ref = route.parentRefs().get(i);
            if (ref != null && ref.refersToGateway() && ref.name() != null) {
                checkAttachment(route, ref, parents.index(i), view, out);
            }
        }
    }

    private static void checkParentUniqueness(List<ParentReference> refs, FieldPath path, Findings out) {
        Map<String, Integer> perParent = new HashMap<>();
        refs.forEach(r -> {
            if (r != null) {
                perParent.merge(parentKey(r), 1, Integer::sum);
            }
        });
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < refs.size(); i++) {
            ParentReference r = refs.get(i);
            if (r == null || perParent.get(parentKey(r)) < 2) {
                continue;
            }
            if (r.sectionName() == null && r.port() == null) {
                out.add(Rule.ROUTE_PARENT_REFS, FieldError.required(path.index(i).child("sectionName"),
                        "this parent is referenced more than once: each reference needs a sectionName or a port"));
            } else if (!seen.add(parentKey(r) + "#" + r.sectionName() + "#" + r.port())) {
                out.add(Rule.ROUTE_PARENT_REFS, FieldError.duplicate(path.index(i), r.name(),
                        "the same parent, sectionName and port are referenced twice"));
            }
        }
    }

    private static String parentKey(ParentReference r) {
        return r.group() + "/" + r.kind() + "/" + r.namespace() + "/" + r.name();
    }

    private static void checkBackends(Route route, Findings out) {
        List<List<BackendRef>> rules = route.backendRefsByRule();
        for (int i = 0; i < rules.size(); i++) {
            for (int j = 0; j < rules.get(i).size(); j++) {
                BackendRef b = rules.get(i).get(j);
                if (b != null && b.refersToService() && b.port() == null) {
                    out.add(Rule.ROUTE_BACKEND_PORT, FieldError.required(FieldPath.root("spec").child("rules").index(i)
                            .child("backendRefs").index(j).child("port"), "a Service backend needs a port"));
                }
            }
        }
    }

    private void checkAttachment(R route, ParentReference ref, FieldPath path, ClusterView view, Findings out) {
        String ns = Conventions.orDefault(ref.namespace(), Conventions.namespaceOf(route));
        Optional<Gateway> gw = view.find(Gateway.class, ns, ref.name());
        if (gw.isEmpty()) {
            out.addMissing(Rule.ROUTE_PARENT_NOT_FOUND, FieldError.notFound(path.child("name"), ref.name(),
                    "no Gateway (gateway.networking.k8s.io) " + ns + "/" + ref.name()), "Gateway " + ns + "/" + ref.name());
            return;
        }
        Optional<String> controller = GatewayApiPolicy.controllerOf(gw.get(), view);
        if (controller.isEmpty()) {
            return; // another controller's Gateway: not ours to judge
        }
        List<Gateway.Listener> listeners = gw.get().listeners().stream()
                .filter(l -> l != null && (ref.sectionName() == null || ref.sectionName().equals(l.name())))
                .filter(l -> ref.port() == null || ref.port().equals(l.port()))
                .toList();
        List<String> names = gw.get().listeners().stream().filter(l -> l != null).map(Gateway.Listener::name).toList();
        if (ref.sectionName() == null && controller.get().equals(Conventions.LOXILB_CONTROLLER)) {
            out.add(Rule.ROUTE_SECTION_NAME, FieldError.required(path.child("sectionName"),
                    "kube-loxilb ignores a route without sectionName (\"Unknown Listener\"); listeners: " + names));
            return;
        }
        if (listeners.isEmpty()) {
            out.add(Rule.ROUTE_SECTION_NAME, FieldError.notFound(path.child("sectionName"), ref.sectionName(),
                    "Gateway " + ns + "/" + ref.name() + " has no such listener; listeners: " + names));
            return;
        }
        Set<String> fitting = PROTOCOLS_BY_KIND.get(route.kind());
        for (Gateway.Listener l : listeners) {
            if (fitting != null && !fitting.contains(l.protocol())) {
                out.add(Rule.ROUTE_PROTOCOL_MISMATCH, FieldError.invalid(path, ref.name() + "/" + l.name(),
                        "listener " + l.name() + " speaks " + l.protocol() + " but a " + route.kind() + " needs "
                                + fitting.stream().sorted().toList()));
            } else if (!allows(l, route.kind())) {
                out.add(Rule.ROUTE_KIND_NOT_ALLOWED, FieldError.forbidden(path, "listener " + l.name()
                        + " allows only " + l.allowedRoutes().kinds().stream().map(Gateway.RouteGroupKind::kind).toList()
                        + ", not " + route.kind()));
            }
        }
    }

    private static boolean allows(Gateway.Listener l, String kind) {
        if (l.allowedRoutes() == null || l.allowedRoutes().kinds() == null || l.allowedRoutes().kinds().isEmpty()) {
            return true;
        }
        return l.allowedRoutes().kinds().stream().anyMatch(k -> k != null && kind.equals(k.kind()));
    }

    public static class TcpRoutes extends RoutePolicy<TCPRoute> {
        @Override
        public Class<TCPRoute> type() {
            return TCPRoute.class;
        }
    }

    public static class UdpRoutes extends RoutePolicy<UDPRoute> {
        @Override
        public Class<UDPRoute> type() {
            return UDPRoute.class;
        }
    }

    public static class HttpRoutes extends RoutePolicy<HTTPRoute> {
        @Override
        public Class<HTTPRoute> type() {
            return HTTPRoute.class;
        }
    }
}
