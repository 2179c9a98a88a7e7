package io.gatewarden.applier.realize;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.lbclient.VirtualService;
import io.gatewarden.applier.lbclient.VirtualService.HttpRoute;
import io.gatewarden.applier.lbclient.VirtualService.Listener;
import io.gatewarden.applier.lbclient.VirtualService.Member;
import io.gatewarden.applier.status.StatusReporter.GatewayCondition;
import io.gatewarden.applier.status.StatusReporter.ListenerState;
import io.gatewarden.applier.cluster.ClusterReader;
import io.gatewarden.applier.store.ShardStore;
import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.gateway.v1.BackendRef;
import io.gatewarden.model.gateway.v1.ParentReference;
import io.gatewarden.model.gateway.v1.Route;
import io.gatewarden.model.gateway.v1.UDPRoute;
import io.gatewarden.model.k8s.Ingress;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.k8s.IngressClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the desired virtual service of a Gateway, a LoadBalancer Service or an Ingress shard from the cluster as
 * it is now (the object and its children, read from the Kubernetes API), its VIP and shard placements (the table)
 * and the members the cluster offers.
 */
public final class DesiredStates {

    /** loxilb accepts 1..32 endpoints per rule. */
    static final int LOXILB_MAX_ENDPOINTS = 32;

    /** Label values are at most 63 characters: a longer Gateway name can have no labelled Service. */
    static final int MAX_LABEL_VALUE = 63;

    private final ClusterReader kube;
    private final ShardStore shards;
    private final PoolResolver pools;
    private final MemberSource members;

    DesiredStates(ClusterReader kube, ShardStore shards, PoolResolver pools, MemberSource members) {
        this.kube = kube;
        this.shards = shards;
        this.pools = pools;
        this.members = members;
    }

    /** A LoadBalancer Service: its own virtual service, one pool per port. */
    public Desired service(OwnerKey owner, Service svc, String vip, LoadBalancers.Kind lb) {
        Naming naming = new Naming(owner.cluster());
        String name = naming.l4(svc.namespace(), svc.name());
        List<Listener> listeners = new ArrayList<>();
        for (Service.Port p : svc.ports()) {
            if (p == null || p.port() == null) {
                continue;
            }
            List<Member> m = members.members(svc.namespace(), svc.name(), p.port(), p.name(), p.protocolOrDefault());
            if (lb == LoadBalancers.Kind.LOXILB && m.isEmpty()) {
                continue; // loxilb refuses a rule without endpoints; it is added once endpoints exist
            }
            listeners.add(new Listener(p.protocolOrDefault(), p.port(), capped(lb, m)));
        }
        AviInfraSetting setting = lb == LoadBalancers.Kind.AVI ? pools.settingNamed(owner.cluster(),
                svc.metadata().annotation(Conventions.INFRA_SETTING_ANNOTATION)) : null;
        return new Desired(lb, name, listeners.isEmpty() ? null
                : new VirtualService(name, vip, listeners, List.of(), placement(setting, vip)), List.of(), List.of());
    }

    /**
     * An AKO services-API Gateway: per listener key {@code PROTOCOL/port} the one Service that claims it; a key
     * claimed twice gets PortConflict and no pool (AKO's rule), the earliest-admitted claimant keeps nothing either.
     */
    public Desired aviGateway(OwnerKey owner, io.gatewarden.model.gateway.v1alpha1.Gateway gw, String vip) {
        Naming naming = new Naming(owner.cluster());
        String name = naming.l4(gw.namespace(), gw.name());
        List<Service> claimants = joinedServices(gw);
        List<Listener> listeners = new ArrayList<>();
        List<ListenerState> statuses = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (var l : gw.listeners()) {
            if (l == null || l.port() == null || l.protocol() == null) {
                continue;
            }
            String proto = l.protocol().toUpperCase();
            List<Service> claiming = new ArrayList<>();
            for (Service svc : claimants) {
                if (joins(svc, gw) && svc.ports().stream().anyMatch(p -> p != null && l.port().equals(p.port())
                        && proto.equals(p.protocolOrDefault()))) {
                    claiming.add(svc);
                }
            }
            String key = proto + "/" + l.port();
            if (claiming.size() > 1) {
                String who = claiming.stream().map(c -> c.namespace() + "/" + c.name()).toList().toString();
                conflicts.add(key);
                statuses.add(new ListenerState(null, l.port(), proto, null, List.of(new GatewayCondition("PortConflict",
                        true, "PortConflict", "listener " + key + " is claimed by " + claiming.size() + " Services "
                        + who + "; exactly one may claim it"))));
            } else if (claiming.size() == 1) {
                Service svc = claiming.get(0);
                Service.Port port = svc.ports().stream().filter(p -> p != null && l.port().equals(p.port())
                        && proto.equals(p.protocolOrDefault())).findFirst().orElseThrow();
                listeners.add(new Listener(proto, l.port(), naming.gatewayPool(gw.namespace(), svc.name(), gw.name(),
                        proto, l.port()),
                        members.members(svc.namespace(), svc.name(), port.port(), port.name(), proto)));
                statuses.add(new ListenerState(null, l.port(), proto, null, List.of(new GatewayCondition("Ready", true,
                        "Ready", "served by Service " + svc.namespace() + "/" + svc.name()))));
            } else {
                statuses.add(new ListenerState(null, l.port(), proto, null, List.of(new GatewayCondition("Ready", false,
                        "NoService", "no Service carries the labels ako.vmware.com/gateway-name=" + gw.name()
                        + " and ako.vmware.com/gateway-namespace=" + gw.namespace() + " with port " + key))));
            }
        }
        List<GatewayCondition> conditions = new ArrayList<>();
        conditions.add(new GatewayCondition("Scheduled", true, "Scheduled", "VIP " + vip + " on Avi"));
        conditions.add(conflicts.isEmpty()
                ? new GatewayCondition("Ready", true, "Ready", "virtual service " + name + " on VIP " + vip)
                : new GatewayCondition("Ready", false, "PortConflict", "listeners " + conflicts
                        + " are claimed by more than one Service"));
        AviInfraSetting setting = pools.settingOfAviGateway(owner.cluster(), gw.gatewayClassName());
        return new Desired(LoadBalancers.Kind.AVI, name, listeners.isEmpty() ? null
                : new VirtualService(name, vip, listeners, List.of(), placement(setting, vip)), conditions, statuses);
    }

    /** A LoxiLB Gateway (v1): per TCP/UDP listener the backends of the routes attached to it by sectionName. */
    public Desired loxilbGateway(OwnerKey owner, io.gatewarden.model.gateway.v1.Gateway gw, String vip) {
        String name = new Naming(owner.cluster()).l4(gw.namespace(), gw.name());
        List<Route> routes = attachedRoutes(gw);
        List<Listener> listeners = new ArrayList<>();
        List<ListenerState> statuses = new ArrayList<>();
        for (var l : gw.listeners()) {
            if (l == null || l.port() == null || !("TCP".equals(l.protocol()) || "UDP".equals(l.protocol()))) {
                continue;
            }
            List<Member> m = new ArrayList<>();
            int attached = 0;
            for (Route r : routes) {
                boolean kindMatches = (r instanceof UDPRoute) == "UDP".equals(l.protocol());
                if (!kindMatches || r.parentRefs().stream().noneMatch(p -> attaches(p, r, gw, l.name()))) {
                    continue;
                }
                attached++;
                for (List<BackendRef> rule : r.backendRefsByRule()) {
                    for (BackendRef b : rule) {
                        if (b != null && b.name() != null && b.port() != null) {
                            m.addAll(members.members(b.namespace() == null ? r.namespace() : b.namespace(), b.name(),
                                    b.port(), null, l.protocol()));
                        }
                    }
                }
            }
            List<Member> distinct = capped(LoadBalancers.Kind.LOXILB, m.stream().distinct().toList());
            GatewayCondition programmed = distinct.isEmpty()
                    ? new GatewayCondition("Programmed", false, "NoEndpoints", attached == 0
                            ? "no " + l.protocol() + "Route attaches to listener " + l.name() + " (sectionName)"
                            : "the attached routes' backends have no endpoints yet")
                    : new GatewayCondition("Programmed", true, "Programmed", distinct.size() + " endpoints");
            statuses.add(new ListenerState(l.name(), null, l.protocol(), attached, List.of(programmed)));
            if (!distinct.isEmpty()) {
                listeners.add(new Listener(l.protocol(), l.port(), distinct));
            }
        }
        List<GatewayCondition> conditions = List.of(
                new GatewayCondition("Accepted", true, "Accepted", "handled by Gatewarden for LoxiLB"),
                new GatewayCondition("Programmed", true, "Programmed", "VIP " + vip + ", " + listeners.size()
                        + " listener rules on loxilb"));
        return new Desired(LoadBalancers.Kind.LOXILB, name, listeners.isEmpty() ? null
                : new VirtualService(name, vip, listeners), conditions, statuses);
    }

    /**
     * An Ingress shard (or a dedicated host's virtual service): an HTTP listener on port 80 and one pool per
     * host/path of every linked Ingress whose host sits there.
     */
    Desired shard(OwnerKey parent, String vip, AviInfraSetting setting) {
        Naming naming = new Naming(parent.cluster());
        boolean dedicated = "Host".equals(parent.kind());
        String name = shardName(parent);
        Map<String, Integer> placed = new HashMap<>();
        if (!dedicated) { // this shard's hosts only: a build costs what its shard holds, not the whole setting
            shards.placementsOn(parent.cluster(), parent.namespace(), Integer.parseInt(parent.name()))
                    .forEach(p -> placed.put(p.host(), p.shard()));
        }
        int shard = dedicated ? -1 : Integer.parseInt(parent.name());
        // Many routes of a shard share a backend: each backend's members are read once per build.
        Map<String, List<Member>> backends = new HashMap<>();
        List<HttpRoute> routes = new ArrayList<>();
        for (Ingress ing : ingressesOf(parent.namespace())) {
            for (Ingress.Rule rule : ing.rules()) {
                if (rule == null || rule.host() == null || rule.http() == null) {
                    continue;
                }
                boolean here = dedicated ? rule.host().equals(parent.name())
                        : Integer.valueOf(shard).equals(placed.get(rule.host()));
                if (!here) {
                    continue;
                }
                for (Ingress.Path p : rule.http().paths()) {
                    if (p == null || p.backend() == null || p.backend().service() == null) {
                        continue;
                    }
                    String path = p.path() == null || p.path().isEmpty() ? "/" : p.path();
                    Ingress.ServiceBackend b = p.backend().service();
                    Integer number = b.port() == null ? null : b.port().number();
                    String portName = b.port() == null ? null : b.port().name();
                    List<Member> m = backends.computeIfAbsent(ing.namespace() + "/" + b.name() + ":" + number + ":"
                            + portName, k -> members.members(ing.namespace(), b.name(), number, portName, "TCP"));
                    routes.add(new HttpRoute(rule.host(), path, naming.ingressPool(rule.host(), path,
                            ing.namespace(), ing.name()), m));
                }
            }
        }
        routes.sort(Comparator.comparing(HttpRoute::host).thenComparing(HttpRoute::path, Comparator.reverseOrder()));
        return new Desired(LoadBalancers.Kind.AVI, name, routes.isEmpty() ? null
                : new VirtualService(name, vip, List.of(new Listener("HTTP", 80, List.of())), routes,
                        placement(setting, vip)), List.of(), List.of());
    }

    /** The virtual service of a shard ({@code Shard/<setting>/<n>}) or a dedicated host ({@code Host/…/<host>}). */
    static String shardName(OwnerKey parent) {
        Naming naming = new Naming(parent.cluster());
        return "Host".equals(parent.kind()) ? naming.dedicated(parent.name())
                : naming.shard(parent.namespace(), Integer.parseInt(parent.name()));
    }

    /** The Services labelled into an AKO Gateway, earliest created first (who claimed first is listed first). */
    private List<Service> joinedServices(io.gatewarden.model.gateway.v1alpha1.Gateway gw) {
        if (gw.name().length() > MAX_LABEL_VALUE || gw.namespace().length() > MAX_LABEL_VALUE) {
            return List.of();
        }
        return oldestFirst(kube.list("Service", "ako.vmware.com/gateway-name=" + gw.name()
                + ",ako.vmware.com/gateway-namespace=" + gw.namespace()), Service.class);
    }

    /** The TCPRoutes and UDPRoutes of any namespace with a parentRef naming the Gateway. */
    private List<Route> attachedRoutes(io.gatewarden.model.gateway.v1.Gateway gw) {
        List<KubernetesObject> all = new ArrayList<>(kube.list("TCPRoute.gateway.networking.k8s.io", null));
        all.addAll(kube.list("UDPRoute.gateway.networking.k8s.io", null));
        return oldestFirst(all, Route.class).stream().filter(r -> r.parentRefs().stream().anyMatch(p -> p != null
                && gw.name().equals(p.name()) && gw.namespace().equals(p.namespace() == null ? ((KubernetesObject) r)
                        .namespace() : p.namespace()))).toList();
    }

    /** The Ingresses whose IngressClass names this AviInfraSetting. */
    private List<Ingress> ingressesOf(String setting) {
        List<String> classes = new ArrayList<>();
        for (KubernetesObject o : kube.list("IngressClass.networking.k8s.io", null)) {
            if (o instanceof IngressClass ic && ic.spec() != null && ic.spec().parameters() != null
                    && setting.equals(ic.spec().parameters().name())) {
                classes.add(ic.name());
            }
        }
        if (classes.isEmpty()) {
            return List.of();
        }
        return oldestFirst(kube.list("Ingress.networking.k8s.io", null), Ingress.class).stream()
                .filter(i -> i.spec() != null && classes.contains(i.spec().ingressClassName())).toList();
    }

    private static <T> List<T> oldestFirst(List<KubernetesObject> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance)
                .sorted(Comparator.comparing((KubernetesObject o) -> o.metadata() == null
                        || o.metadata().creationTimestamp() == null ? "" : o.metadata().creationTimestamp())
                        .thenComparing(o -> o.namespace() + "/" + o.name()))
                .map(type::cast).toList();
    }

    static boolean joins(Service svc, io.gatewarden.model.gateway.v1alpha1.Gateway gw) {
        return gw.name().equals(svc.metadata().label(Conventions.GATEWAY_NAME_LABEL))
                && gw.namespace().equals(svc.metadata().label(Conventions.GATEWAY_NAMESPACE_LABEL));
    }

    static boolean attaches(ParentReference p, KubernetesObject route, io.gatewarden.model.gateway.v1.Gateway gw,
            String listener) {
        String ns = p.namespace() == null ? route.namespace() : p.namespace();
        return p.name() != null && p.name().equals(gw.name()) && Objects.equals(ns, gw.namespace())
                && listener != null && listener.equals(p.sectionName());
    }

    private static List<Member> capped(LoadBalancers.Kind lb, List<Member> m) {
        return lb == LoadBalancers.Kind.LOXILB && m.size() > LOXILB_MAX_ENDPOINTS
                ? m.subList(0, LOXILB_MAX_ENDPOINTS) : m;
    }

    /** SE group, RHI and the VIP network whose CIDR holds {@code vip}, from the AviInfraSetting. */
    static VirtualService.Placement placement(AviInfraSetting s, String vip) {
        if (s == null || s.spec() == null) {
            return VirtualService.Placement.DEFAULT;
        }
        String seGroup = s.spec().seGroup() == null ? null : s.spec().seGroup().name();
        Boolean rhi = s.spec().network() == null ? null : s.spec().network().enableRhi();
        for (AviInfraSetting.VipNetwork n : s.vipNetworks()) {
            for (String cidr : java.util.Arrays.asList(n.cidr(), n.v6cidr())) {
                if (cidr != null && contains(cidr, vip)) {
                    return new VirtualService.Placement(seGroup, rhi, n.networkName(), n.networkUUID(), cidr);
                }
            }
        }
        return new VirtualService.Placement(seGroup, rhi);
    }

    private static boolean contains(String cidr, String ip) {
        inet.ipaddr.IPAddress net = new inet.ipaddr.IPAddressString(cidr).getAddress();
        inet.ipaddr.IPAddress addr = new inet.ipaddr.IPAddressString(ip).getAddress();
        return net != null && addr != null && net.toPrefixBlock().contains(addr);
    }
}
