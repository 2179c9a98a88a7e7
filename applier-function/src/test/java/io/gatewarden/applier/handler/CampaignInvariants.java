package io.gatewarden.applier.handler;

import static io.gatewarden.applier.handler.CampaignObjects.CLUSTER;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.cluster.InMemoryCluster;
import io.gatewarden.applier.store.DynamoAllocationStore;
import io.gatewarden.applier.store.DynamoShardStore;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.Keys;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.emulator.AviControllerEmulator;
import io.gatewarden.emulator.LoxiLbEmulator;
import io.gatewarden.model.gateway.v1.Gateway;
import io.gatewarden.model.gateway.v1.Route;
import io.gatewarden.model.gateway.v1.UDPRoute;
import io.gatewarden.model.k8s.Ingress;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.lb.AkoNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What must hold after the fault campaign ({@link FaultCampaignIT}) has quiesced and one reconcile ran: the table,
 * the controllers (Avi and LoxiLB) and the cluster agree, and nothing on a controller is without a live owner.
 */
final class CampaignInvariants {

    private CampaignInvariants() {
    }

    static Optional<String> check(DynamoDbClient ddb, String table, AviControllerEmulator avi, LoxiLbEmulator loxilb,
            InMemoryCluster kube) {
        DynamoStateStore states = new DynamoStateStore(ddb, table);
        DynamoAllocationStore allocations = new DynamoAllocationStore(ddb, table);
        Map<String, String> vsVips = new HashMap<>();
        for (JsonNode v : avi.objects("vsvip")) {
            vsVips.put(v.path("name").asText(), v.path("vip").path(0).path("ip_address").path("addr").asText());
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode vs : avi.objects("virtualservice")) {
            String name = vs.path("name").asText();
            Optional<OwnerKey> owner = nameOwner(ddb, table, "AVI:" + name);
            if (owner.isEmpty()) {
                problems.add("virtual service " + name + " has no owner in the table");
                continue;
            }
            OwnerKey o = owner.get();
            boolean shard = "Shard".equals(o.kind());
            if (!shard && !AkoNames.l4(CLUSTER, o.namespace(), o.name()).equals(name)) {
                problems.add("virtual service " + name + " is held by " + o.id() + ", whose name it is not");
            }
            if (!shard && kube.get(o).filter(k -> !(k instanceof Service s) || s.isLoadBalancer()).isEmpty()) {
                problems.add("virtual service " + name + " outlived its owner " + o.id());
            }
            String leased = allocations.lease(o).map(l -> l.address()).orElse(null);
            if (!java.util.Objects.equals(leased, vsVips.get(name))) {
                problems.add("virtual service " + name + " is on " + vsVips.get(name) + ", the table gives "
                        + o.id() + " " + leased);
            }
        }
        java.util.Set<String> selected = new java.util.HashSet<>(); // pools some policy set selects
        avi.objects("l4policyset").forEach(p -> p.path("l4_connection_policy").path("rules").forEach(r ->
                selected.add(refName(r.path("action").path("select_pool").path("pool_ref").asText()))));
        avi.objects("httppolicyset").forEach(p -> p.path("http_request_policy").path("rules").forEach(r ->
                selected.add(refName(r.path("switching_action").path("pool_ref").asText()))));
        for (JsonNode pool : avi.objects("pool")) {
            if (!selected.contains(pool.path("name").asText())) {
                problems.add("pool " + pool.path("name").asText() + " (owner " + pool.path("markers").path(0)
                        .path("values").path(0).asText() + ") is selected by no policy set");
            }
        }
        List<KubernetesObject> l4 = new ArrayList<>(kube.list("Service", null));
        l4.addAll(kube.list("Gateway.networking.x-k8s.io", null));
        for (KubernetesObject svc : l4) {
            OwnerKey key = new OwnerKey(CLUSTER, svc instanceof Service ? "Service" : "Gateway.networking.x-k8s.io",
                    svc.namespace(), svc.name());
            ObjectState s = states.load(key).orElse(null);
            String name = AkoNames.l4(CLUSTER, svc.namespace(), svc.name());
            if (s == null) {
                problems.add("live " + key.id() + " has no state");
            } else if ("Applied".equals(s.status()) || "Allocated".equals(s.status())) {
                // a Gateway without member Services has no virtual service: its VIP is only the table's
                boolean servedOnAvi = vsVips.containsKey(name) || svc instanceof Service;
                if (servedOnAvi ? !java.util.Objects.equals(s.vip(), vsVips.get(name)) : s.vip() == null) {
                    problems.add("live " + key.id() + " is Applied on " + s.vip() + ", Avi has " + vsVips.get(name));
                }
            } else if ("Refused".equals(s.status())) {
                Optional<OwnerKey> holder = nameOwner(ddb, table, "AVI:" + name);
                if (holder.isEmpty() || holder.get().equals(key) || kube.get(holder.get()).isEmpty()) {
                    problems.add("live " + key.id() + " is Refused (" + s.reason() + ") but the name's holder is "
                            + holder.map(OwnerKey::id).orElse("nobody") + ", not a live other object");
                }
            } else {
                problems.add("live " + key.id() + " ended " + s.status() + ": " + s.reason());
            }
        }
        Map<String, Integer> placed = new HashMap<>();
        new DynamoShardStore(ddb, table).placements(CLUSTER, "seg").forEach(p -> placed.put(p.host(), p.shard()));
        List<String> routes = new ArrayList<>();
        avi.objects("httppolicyset").forEach(p -> p.path("http_request_policy").path("rules").forEach(r ->
                routes.add(p.path("name").asText() + " " + r.path("match").path("host_hdr").path("value").path(0)
                        .asText())));
        for (KubernetesObject o : kube.list("Ingress.networking.k8s.io", null)) {
            Ingress ing = (Ingress) o;
            OwnerKey key = new OwnerKey(CLUSTER, "Ingress.networking.k8s.io", ing.namespace(), ing.name());
            ObjectState s = states.load(key).orElse(null);
            if (s == null || !"Applied".equals(s.status())) {
                problems.add("live " + key.id() + " ended " + (s == null ? "without state" : s.status()));
                continue;
            }
            for (Ingress.Rule rule : ing.rules()) {
                String shardVs = AkoNames.l4(CLUSTER, "seg", "Shared-L7-" + placed.get(rule.host()));
                if (!routes.contains(shardVs + " " + rule.host())) {
                    problems.add("live " + key.id() + ": no route for " + rule.host() + " on " + shardVs);
                }
            }
        }
        problems.addAll(loxilb(ddb, table, loxilb, kube));
        for (ObjectState s : states.all(CLUSTER)) {
            if (s.vip() == null || "Shard".equals(s.owner().kind())) {
                continue; // a shard's VIP belongs to its infra setting and stays
            }
            if (kube.get(s.owner()).isEmpty()) {
                problems.add("address " + s.vip() + " still held by " + s.owner().id() + ", which is gone");
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /**
     * Every live v1 Gateway is Applied on its VIP with a rule per listener that a live route attaches to (and none
     * for the others), or Refused because a live other holds its name; every rule belongs to a live Gateway whose
     * name it carries, on that Gateway's VIP.
     */
    static List<String> loxilb(DynamoDbClient ddb, String table, LoxiLbEmulator loxilb, InMemoryCluster kube) {
        DynamoStateStore states = new DynamoStateStore(ddb, table);
        DynamoAllocationStore allocations = new DynamoAllocationStore(ddb, table);
        List<String> problems = new ArrayList<>();
        Map<String, String> rules = new HashMap<>(); // rule name -> external IP
        loxilb.rules().forEach(r -> rules.put(r.path("serviceArguments").path("name").asText(),
                r.path("serviceArguments").path("externalIP").asText()));
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            String vs = rule.getKey().replaceFirst("-(tcp|udp)-\\d+$", "");
            Optional<OwnerKey> owner = nameOwner(ddb, table, "LOXILB:" + vs);
            if (owner.isEmpty() || kube.get(owner.get()).isEmpty()) {
                problems.add("loxilb rule " + rule.getKey() + " has no live owner (" + owner.map(OwnerKey::id)
                        .orElse("none in the table") + ")");
                continue;
            }
            OwnerKey o = owner.get();
            if (!AkoNames.l4(CLUSTER, o.namespace(), o.name()).equals(vs)) {
                problems.add("loxilb rule " + rule.getKey() + " is held by " + o.id() + ", whose name it is not");
            }
            String leased = allocations.lease(o).map(l -> l.address()).orElse(null);
            if (!rule.getValue().equals(leased)) {
                problems.add("loxilb rule " + rule.getKey() + " is on " + rule.getValue() + ", the table gives "
                        + o.id() + " " + leased);
            }
        }
        List<Route> routes = new ArrayList<>();
        for (String kind : List.of("TCPRoute.gateway.networking.k8s.io", "UDPRoute.gateway.networking.k8s.io")) {
            kube.list(kind, null).forEach(r -> routes.add((Route) r));
        }
        for (KubernetesObject o : kube.list(CampaignObjects.GATEWAY_V1, null)) {
            Gateway gw = (Gateway) o;
            OwnerKey key = new OwnerKey(CLUSTER, CampaignObjects.GATEWAY_V1, gw.namespace(), gw.name());
            ObjectState s = states.load(key).orElse(null);
            String vs = AkoNames.l4(CLUSTER, gw.namespace(), gw.name());
            if (s == null) {
                problems.add("live " + key.id() + " has no state");
            } else if ("Refused".equals(s.status())) {
                Optional<OwnerKey> holder = nameOwner(ddb, table, "LOXILB:" + vs);
                if (holder.isEmpty() || holder.get().equals(key) || kube.get(holder.get()).isEmpty()) {
                    problems.add("live " + key.id() + " is Refused (" + s.reason() + ") but the name's holder is "
                            + holder.map(OwnerKey::id).orElse("nobody") + ", not a live other object");
                }
            } else if (!"Applied".equals(s.status()) || s.vip() == null) {
                problems.add("live " + key.id() + " ended " + s.status() + " on " + s.vip() + ": " + s.reason());
            } else {
                for (var l : gw.listeners()) {
                    boolean attached = routes.stream().anyMatch(r -> (r instanceof UDPRoute) == "UDP".equals(
                            l.protocol()) && r.namespace().equals(gw.namespace()) && r.parentRefs().stream()
                            .anyMatch(p -> gw.name().equals(p.name()) && l.name().equals(p.sectionName())));
                    String rule = vs + "-" + l.protocol().toLowerCase() + "-" + l.port();
                    if (attached != rules.containsKey(rule)) {
                        problems.add("live " + key.id() + " listener " + l.name() + (attached
                                ? " has a route but no rule " + rule : " has no route but rule " + rule));
                    } else if (attached && !s.vip().equals(rules.get(rule))) {
                        problems.add("rule " + rule + " is on " + rules.get(rule) + ", " + key.id() + " on " + s.vip());
                    }
                }
            }
        }
        return problems;
    }

    /** The pool name in a reference as the emulator keeps it ({@code /api/pool/?name=x} or {@code …#x}). */
    private static String refName(String ref) {
        int q = ref.indexOf("?name=");
        return q >= 0 ? ref.substring(q + 6) : ref.substring(ref.indexOf('#') + 1);
    }

    static Optional<OwnerKey> nameOwner(DynamoDbClient ddb, String table, String lbAndName) {
        var item = ddb.getItem(b -> b.tableName(table).key(Keys.name(lbAndName)).consistentRead(true)).item();
        return item.containsKey("owner") ? Optional.of(OwnerKey.parse(item.get("owner").s())) : Optional.empty();
    }
}
