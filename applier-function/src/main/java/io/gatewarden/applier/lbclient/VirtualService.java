package io.gatewarden.applier.lbclient;

import java.util.List;

/**
 * What the load balancer should serve for one object: one VIP and its listeners. An L4 virtual service has one
 * pool per (protocol, port) listener — TCP and UDP on one port are two listeners of the same VIP. An L7 one
 * (Ingress shard or dedicated host) has HTTP listeners without members and one pool per host/path route.
 *
 * @param name      load-balancer-side name (AKO-compatible, see {@code realize.Naming})
 * @param vip       the address
 * @param listeners the listeners
 * @param routes    L7 host/path routes; empty for L4
 * @param placement where the controller places it (Avi: SE group, RHI), from the object's AviInfraSetting
 * @param owner     who owns it ({@code cluster/kind/namespace/name}): Avi objects carry it as a marker, and an
 *                  object owned by another is never overwritten or deleted; null only in the clients' contract tests
 */
public record VirtualService(String name, String vip, List<Listener> listeners, List<HttpRoute> routes,
        Placement placement, String owner) {

    public VirtualService {
        listeners = listeners.stream().map(l -> l.pool() != null ? l
                : new Listener(l.protocol(), l.port(), defaultPool(name, l), l.members())).toList();
        routes = List.copyOf(routes);
    }

    /** An L4 virtual service placed by the client's defaults. */
    public VirtualService(String name, String vip, List<Listener> listeners) {
        this(name, vip, listeners, List.of(), Placement.DEFAULT, null);
    }

    public VirtualService(String name, String vip, List<Listener> listeners, List<HttpRoute> routes,
            Placement placement) {
        this(name, vip, listeners, routes, placement, null);
    }

    /** The same, owned by {@code owner}. */
    public VirtualService withOwner(String owner) {
        return new VirtualService(name, vip, listeners, routes, placement, owner);
    }

    /**
     * Avi placement of one virtual service; null SE group and RHI fall back to the client's settings. The VIP
     * network (by name, or by UUID when the AviInfraSetting gives only that) and its subnet go on the VsVip.
     */
    public record Placement(String seGroup, Boolean enableRhi, String network, String networkUuid, String subnet) {
        public static final Placement DEFAULT = new Placement(null, null, null, null, null);

        public Placement(String seGroup, Boolean enableRhi) {
            this(seGroup, enableRhi, null, null, null);
        }
    }

    public boolean isL7() {
        return !routes.isEmpty() || listeners.stream().anyMatch(l -> l.protocol().startsWith("HTTP"));
    }

    /**
     * Whether {@code other} serves the same: VIP, listeners with their pools and members, routes — whatever the
     * order a controller lists them in. Placement is not compared (controllers return references, not names).
     */
    public boolean sameServing(VirtualService other) {
        return other != null && vip.equals(other.vip) && normalized(listeners).equals(normalized(other.listeners))
                && normalizedRoutes(routes).equals(normalizedRoutes(other.routes));
    }

    private static List<String> normalized(List<Listener> ls) {
        return ls.stream().map(l -> l.protocol().toUpperCase() + "/" + l.port() + " " + l.pool() + " "
                + sortedMembers(l.members())).sorted().toList();
    }

    private static List<String> normalizedRoutes(List<HttpRoute> rs) {
        return rs.stream().map(r -> r.host() + r.path() + " " + r.pool() + " " + sortedMembers(r.members())).sorted()
                .toList();
    }

    private static List<String> sortedMembers(List<Member> ms) {
        return ms.stream().map(m -> m.address() + ":" + m.port()).sorted().toList();
    }

    /** The pool name of a listener that names none: {@code <vs>-<PROTO>-<port>}. */
    static String defaultPool(String vs, Listener l) {
        return vs + "-" + l.protocol().toUpperCase() + "-" + l.port();
    }

    /** One protocol/port, its pool's name and where it sends traffic. */
    public record Listener(String protocol, int port, String pool, List<Member> members) {

        public Listener(String protocol, int port, List<Member> members) {
            this(protocol, port, null, members);
        }
    }

    /** An L7 route: requests for {@code host} whose path begins with {@code path} go to the pool. */
    public record HttpRoute(String host, String path, String pool, List<Member> members) {
    }

    /** A pool member: a node address and nodePort, or an endpoint address and target port. */
    public record Member(String address, int port) {
    }
}
