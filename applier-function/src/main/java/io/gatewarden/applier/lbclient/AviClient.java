package io.gatewarden.applier.lbclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.applier.lbclient.RetryingCalls.Response;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * Avi Controller REST: session login with cookies and CSRF token, X-Avi-Version from {@code /api/initial-data},
 * X-Avi-Tenant; create-or-update by name in the order vsvip → pools → l4policyset (L4) or httppolicyset (L7, a
 * pool per host/path) → virtualservice, deletes in reverse. Which pools belong to a virtual service is read from
 * its policy set, so pools may carry any (AKO-compatible) name; pools it no longer selects are deleted after an
 * update, and pools outside its references are recorded on the VsVip first ({@link AviMarkers}). When an apply
 * fails, the objects that call created are deleted again (newest first), so a failure leaves the previous
 * configuration, not a half-built one. One VIP carries TCP and UDP listeners (UDP services
 * override the network profile when TCP is present). 401 and 419 → log in again once; 409 and 412 → re-read and
 * retry; 5xx → backoff, then {@link LoadBalancerUnavailableException}; other 4xx (e.g. "No available free IPs")
 * → {@link LoadBalancerRefusedException} with the controller's message. One client serves concurrent applies.
 */
public class AviClient implements LoadBalancerClient {

    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();
    private final URI controller;
    private final String username;
    private final String password;
    private final AviSettings settings;
    private final Backoff backoff;
    private volatile String version;
    /** Counts logins; a 401 logs in again only if no other thread has done so since its request was sent. */
    private volatile long session;

    public AviClient(URI controller, String username, String password, AviSettings settings, Backoff backoff) {
        this.controller = URI.create(controller.toString().endsWith("/") ? controller.toString() : controller + "/");
        this.username = username;
        this.password = password;
        this.settings = settings;
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(3)).build();
    }

    @Override
    public void apply(VirtualService vs) {
        String owner = vs.owner();
        Set<String> referenced = poolsOf(vs.name());
        Set<String> wanted = new LinkedHashSet<>(wantedPools(vs));
        Set<String> retired = new LinkedHashSet<>(referenced);
        Optional<JsonNode> vsvipNow = byName("vsvip", vs.name());
        vsvipNow.filter(v -> AviMarkers.foreignOwner(v, owner).isEmpty())
                .ifPresent(v -> retired.addAll(AviMarkers.pendingPools(v)));
        retired.removeAll(wanted);
        Set<String> pending = new LinkedHashSet<>(retired); // written ahead on the VsVip: see AviMarkers
        wanted.stream().filter(p -> !referenced.contains(p)).forEach(pending::add);
        List<String[]> created = new ArrayList<>(); // {type, name} of objects this call created: undone on failure
        try {
            upsert("vsvip", AviMarkers.withPendingPools(AviMarkers.owned(vsvip(vs), owner, false), pending), created,
                    vsvipNow); // read just above: not read again
            for (VirtualService.Listener l : vs.listeners()) {
                if (!vs.isL7()) {
                    upsert("pool", AviMarkers.owned(pool(l.pool(), l.protocol(), l.port(), l.members()), owner, true),
                            created);
                }
            }
            for (VirtualService.HttpRoute r : vs.routes()) {
                upsert("pool", AviMarkers.owned(pool(r.pool(), "HTTP", 80, r.members()), owner, true), created);
            }
            upsert(policyType(vs), AviMarkers.owned(vs.isL7() ? httpPolicySet(vs) : l4PolicySet(vs), owner, true),
                    created);
            upsert("virtualservice", AviMarkers.owned(virtualService(vs), owner, true), created);
        } catch (RuntimeException failed) {
            undo(created, failed, pending);
            throw failed;
        }
        retired.forEach(p -> deleteByName("pool", p));
        // Every pool is now the policy set's or gone. Names of deleted pools leave the record now; names of pools
        // just created may stay until the next apply rewrites it (harmless: they are referenced), which saves a
        // write per shard build.
        if (!retired.isEmpty()) {
            upsert("vsvip", AviMarkers.withPendingPools(AviMarkers.owned(vsvip(vs), owner, false), Set.of()), created);
        }
    }

    @Override
    public void delete(String name) {
        Optional<JsonNode> vs = byName("virtualservice", name);
        if (vs.isPresent() && !vs.get().path("created_by").asText(AviMarkers.CREATED_BY)
                .equals(AviMarkers.CREATED_BY)) {
            return; // another creator's virtual service of that name (AKO's, say): never deleted
        }
        Optional<JsonNode> vsvip = byName("vsvip", name);
        Set<String> recorded = vsvip.map(AviMarkers::pendingPools).orElse(Set.of());
        Set<String> pools = new LinkedHashSet<>(poolsOf(name));
        pools.addAll(recorded);
        if (vsvip.isPresent() && !recorded.containsAll(pools)) { // written ahead: found again if a delete below fails
            ObjectNode marked = AviMarkers.withPendingPools(vsvip.get().deepCopy(), pools);
            Response r = send("PUT", "api/vsvip/" + vsvip.get().path("uuid").asText(), marked);
            if (r.status() == 409 || r.status() == 412) { // changed since it was read: the message comes back
                throw new LoadBalancerUnavailableException("vsvip " + name + " changed while its pools were "
                        + "recorded; the delete is retried", null);
            }
            expectOk(r, "record the pools of " + name + " on its vsvip");
        }
        deleteByName("virtualservice", name);
        deleteByName("l4policyset", name);
        deleteByName("httppolicyset", name);
        pools.forEach(p -> deleteByName("pool", p));
        deleteByName("vsvip", name);
    }

    @Override
    public Optional<VirtualService> read(String name) {
        Optional<JsonNode> vsvip = byName("vsvip", name);
        Optional<JsonNode> vs = byName("virtualservice", name);
        if (vsvip.isEmpty() || vs.isEmpty()) {
            return Optional.empty();
        }
        String vip = vsvip.get().path("vip").path(0).path("ip_address").path("addr").asText();
        Optional<JsonNode> http = byName("httppolicyset", name);
        if (http.isPresent()) {
            List<VirtualService.HttpRoute> routes = new ArrayList<>();
            for (JsonNode rule : http.get().path("http_request_policy").path("rules")) {
                String pool = refName(rule.path("switching_action").path("pool_ref").asText());
                routes.add(new VirtualService.HttpRoute(rule.path("match").path("host_hdr").path("value").path(0).asText(),
                        rule.path("match").path("path").path("match_str").path(0).asText(), pool, members(pool)));
            }
            List<VirtualService.Listener> listeners = new ArrayList<>();
            vs.get().path("services").forEach(s -> listeners.add(new VirtualService.Listener(
                    s.path("enable_ssl").asBoolean() ? "HTTPS" : "HTTP", s.path("port").asInt(), List.of())));
            return Optional.of(new VirtualService(name, vip, listeners, routes, VirtualService.Placement.DEFAULT));
        }
        List<VirtualService.Listener> listeners = new ArrayList<>();
        for (JsonNode rule : byName("l4policyset", name).map(p -> p.path("l4_connection_policy").path("rules"))
                .orElse(Json.mapper().createArrayNode())) {
            String pool = refName(rule.path("action").path("select_pool").path("pool_ref").asText());
            String protocol = rule.path("match").path("protocol").path("protocol").asText().replace("PROTOCOL_", "");
            listeners.add(new VirtualService.Listener(protocol, rule.path("match").path("port").path("ports").path(0).asInt(),
                    pool, members(pool)));
        }
        return Optional.of(new VirtualService(name, vip, listeners));
    }

    private static String policyType(VirtualService vs) {
        return vs.isL7() ? "httppolicyset" : "l4policyset";
    }

    private static List<String> wantedPools(VirtualService vs) {
        return vs.isL7() ? vs.routes().stream().map(VirtualService.HttpRoute::pool).toList()
                : vs.listeners().stream().map(VirtualService.Listener::pool).toList();
    }

    /** The pools the virtual service's policy set selects today (names), so stale ones can go after an update. */
    private Set<String> poolsOf(String name) {
        Set<String> pools = new LinkedHashSet<>();
        byName("l4policyset", name).ifPresent(p -> p.path("l4_connection_policy").path("rules").forEach(r ->
                pools.add(refName(r.path("action").path("select_pool").path("pool_ref").asText()))));
        byName("httppolicyset", name).ifPresent(p -> p.path("http_request_policy").path("rules").forEach(r ->
                pools.add(refName(r.path("switching_action").path("pool_ref").asText()))));
        pools.remove("");
        return pools;
    }

    private List<VirtualService.Member> members(String pool) {
        List<VirtualService.Member> members = new ArrayList<>();
        byName("pool", pool).ifPresent(p -> p.path("servers").forEach(s -> members.add(
                new VirtualService.Member(s.path("ip").path("addr").asText(), s.path("port").asInt()))));
        return members;
    }

    /**
     * The name in a reference: {@code /api/pool/?name=x} as sent, {@code …/pool-uuid#x} as the controller
     * returns with include_name, else the referenced object read by uuid.
     */
    private String refName(String ref) {
        int q = ref.indexOf("?name=");
        if (q >= 0) {
            return URLDecoder.decode(ref.substring(q + 6), StandardCharsets.UTF_8);
        }
        int hash = ref.indexOf('#');
        if (hash >= 0) {
            return ref.substring(hash + 1);
        }
        int api = ref.indexOf("/api/");
        if (api < 0) {
            return "";
        }
        Response r = send("GET", ref.substring(api + 1), null);
        expectOk(r, "read " + ref.substring(api));
        try {
            return Json.mapper().readTree(r.body()).path("name").asText();
        } catch (IOException e) {
            throw new LoadBalancerRefusedException("unreadable Avi answer for " + ref.substring(api));
        }
    }

    /**
     * Best-effort removal, newest first, of what a failed apply created, so nothing stays half-applied. A VsVip is
     * removed last and only when none of the pools its record names is left (a pool whose create answer was lost
     * counts as found, not created): its pending-pools marker is how the next attempt finds what is left.
     */
    private void undo(List<String[]> created, RuntimeException failure, Set<String> pending) {
        boolean left = false;
        for (int i = created.size() - 1; i >= 0; i--) {
            if (created.get(i)[0].equals("vsvip")) {
                continue;
            }
            try {
                deleteByName(created.get(i)[0], created.get(i)[1]);
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
                left = true;
            }
        }
        for (String[] c : created) {
            if (!c[0].equals("vsvip")) {
                continue;
            }
            try {
                if (!left && pending.stream().noneMatch(p -> byName("pool", p).isPresent())) {
                    deleteByName(c[0], c[1]);
                }
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
        }
    }

    private ObjectNode vsvip(VirtualService vs) {
        ObjectNode o = named(vs.name());
        ObjectNode vip = o.putArray("vip").addObject();
        vip.put("vip_id", "0");
        boolean v6 = vs.vip().contains(":");
        vip.putObject("ip_address").put("addr", vs.vip()).put("type", v6 ? "V6" : "V4");
        VirtualService.Placement placed = vs.placement() == null ? VirtualService.Placement.DEFAULT : vs.placement();
        if (placed.network() != null || placed.networkUuid() != null) {
            ObjectNode ipam = vip.putObject("ipam_network_subnet");
            ipam.put("network_ref", placed.network() != null ? "/api/network/?name=" + placed.network()
                    : "/api/network/" + placed.networkUuid());
            if (placed.subnet() != null) {
                String[] cidr = placed.subnet().split("/");
                ObjectNode subnet = ipam.putObject(v6 ? "subnet6" : "subnet");
                subnet.putObject("ip_addr").put("addr", cidr[0]).put("type", v6 ? "V6" : "V4");
                subnet.put("mask", Integer.parseInt(cidr[1]));
            }
        }
        return o;
    }

    private ObjectNode pool(String name, String protocol, int port, List<VirtualService.Member> members) {
        ObjectNode o = named(name);
        o.put("default_server_port", port);
        o.putArray("health_monitor_refs").add("/api/healthmonitor/?name="
                + ("UDP".equalsIgnoreCase(protocol) ? "System-UDP" : "System-TCP"));
        ArrayNode servers = o.putArray("servers");
        members.forEach(m -> {
            ObjectNode s = servers.addObject();
            s.putObject("ip").put("addr", m.address()).put("type", m.address().contains(":") ? "V6" : "V4");
            s.put("port", m.port());
        });
        return o;
    }

    private ObjectNode l4PolicySet(VirtualService vs) {
        ObjectNode o = named(vs.name());
        ArrayNode rules = o.putObject("l4_connection_policy").putArray("rules");
        int index = 0;
        for (VirtualService.Listener l : vs.listeners()) {
            ObjectNode r = rules.addObject();
            r.put("index", index++);
            r.put("name", l.protocol().toUpperCase() + "-" + l.port());
            r.put("enable", true);
            ObjectNode match = r.putObject("match");
            match.putObject("port").put("match_criteria", "IS_IN").putArray("ports").add(l.port());
            match.putObject("protocol").put("match_criteria", "IS_IN")
                    .put("protocol", "UDP".equalsIgnoreCase(l.protocol()) ? "PROTOCOL_UDP" : "PROTOCOL_TCP");
            r.putObject("action").putObject("select_pool").put("action_type", "L4_RULE_ACTION_SELECT_POOL")
                    .put("pool_ref", "/api/pool/?name=" + l.pool());
        }
        return o;
    }

    /** One request rule per host/path: Host header equals, path begins with, then select the route's pool. */
    private ObjectNode httpPolicySet(VirtualService vs) {
        ObjectNode o = named(vs.name());
        ArrayNode rules = o.putObject("http_request_policy").putArray("rules");
        int index = 0;
        for (VirtualService.HttpRoute route : vs.routes()) {
            ObjectNode r = rules.addObject();
            r.put("index", index++);
            r.put("name", route.host() + route.path());
            r.put("enable", true);
            ObjectNode match = r.putObject("match");
            match.putObject("host_hdr").put("match_criteria", "HDR_EQUALS").putArray("value").add(route.host());
            match.putObject("path").put("match_criteria", "BEGINS_WITH").putArray("match_str").add(route.path());
            r.putObject("switching_action").put("action", "HTTP_SWITCHING_SELECT_POOL")
                    .put("pool_ref", "/api/pool/?name=" + route.pool());
        }
        return o;
    }

    private ObjectNode virtualService(VirtualService vs) {
        ObjectNode o = named(vs.name());
        o.put("vsvip_ref", "/api/vsvip/?name=" + vs.name());
        VirtualService.Placement placed = vs.placement() == null ? VirtualService.Placement.DEFAULT : vs.placement();
        String seGroup = placed.seGroup() != null ? placed.seGroup() : settings.seGroup();
        if (seGroup != null) {
            o.put("se_group_ref", "/api/serviceenginegroup/?name=" + seGroup);
        }
        o.put("enable_rhi", placed.enableRhi() != null ? placed.enableRhi() : settings.enableRhi());
        ArrayNode services = o.putArray("services");
        if (vs.isL7()) {
            o.put("application_profile_ref", "/api/applicationprofile/?name=System-HTTP");
            o.put("network_profile_ref", "/api/networkprofile/?name=System-TCP-Proxy");
            vs.listeners().forEach(l -> services.addObject().put("port", l.port()).put("port_range_end", l.port())
                    .put("enable_ssl", "HTTPS".equals(l.protocol())));
            o.putArray("http_policies").addObject().put("index", 11)
                    .put("http_policy_set_ref", "/api/httppolicyset/?name=" + vs.name());
            return o;
        }
        boolean tcp = vs.listeners().stream().anyMatch(l -> !"UDP".equalsIgnoreCase(l.protocol()));
        o.put("application_profile_ref", "/api/applicationprofile/?name=System-L4-Application");
        o.put("network_profile_ref", "/api/networkprofile/?name=" + (tcp ? "System-TCP-Proxy" : "System-UDP-Fast-Path"));
        for (VirtualService.Listener l : vs.listeners()) {
            ObjectNode s = services.addObject().put("port", l.port()).put("port_range_end", l.port())
                    .put("enable_ssl", false);
            if (tcp && "UDP".equalsIgnoreCase(l.protocol())) {
                s.put("override_network_profile_ref", "/api/networkprofile/?name=System-UDP-Fast-Path");
            }
        }
        o.putArray("l4_policies").addObject().put("index", 0)
                .put("l4_policy_set_ref", "/api/l4policyset/?name=" + vs.name());
        return o;
    }

    private ObjectNode named(String name) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", name);
        return o;
    }

    /**
     * Create, or update the existing object of that name; a 409 (created meanwhile) re-reads and updates. An
     * existing object that already holds every field as desired is not written: a shard rebuilt for one new
     * Ingress writes that Ingress's pool, the policy set and the virtual service, not every pool again.
     */
    private void upsert(String type, ObjectNode desired, List<String[]> created) {
        upsert(type, desired, created, byName(type, desired.path("name").asText()));
    }

    /** @param current the object of that name as just read; after a conflict it is read again */
    private void upsert(String type, ObjectNode desired, List<String[]> created, Optional<JsonNode> current) {
        for (int conflict = 0; conflict < 2; conflict++) {
            Optional<JsonNode> existing = conflict == 0 ? current : byName(type, desired.path("name").asText());
            if (existing.isPresent() && desired.has("markers")) {
                String owner = desired.path("markers").path(0).path("values").path(0).asText();
                Optional<String> other = AviMarkers.foreignOwner(existing.get(), owner);
                if (other.isPresent()) {
                    throw new LoadBalancerRefusedException(type + " " + desired.path("name").asText() + " on the Avi "
                            + "controller is " + other.get() + ", not " + owner + "; Gatewarden does not overwrite it");
                }
            }
            if (existing.isPresent() && holds(existing.get(), desired)) {
                return;
            }
            Response r = existing.isPresent()
                    ? send("PUT", "api/" + type + "/" + existing.get().path("uuid").asText(), desired)
                    : send("POST", "api/" + type, desired);
            if (r.status() == 409 || r.status() == 412) {
                continue; // created meanwhile, or changed since it was read (412): read again, then write
            }
            expectOk(r, (existing.isPresent() ? "update " : "create ") + type + " " + desired.path("name").asText());
            if (existing.isEmpty()) {
                created.add(new String[] {type, desired.path("name").asText()});
            }
            return;
        }
        throw new LoadBalancerUnavailableException("Avi kept answering 409/412 for " + type + " "
                + desired.path("name").asText(), null);
    }

    /** Whether every field of {@code desired} has that value in {@code existing} (extra fields are the controller's). */
    static boolean holds(JsonNode existing, ObjectNode desired) {
        var fields = desired.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().equals(existing.get(f.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private Optional<JsonNode> byName(String type, String name) {
        List<JsonNode> found = list(type, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<JsonNode> list(String type, String name) {
        String q = name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        Response r = send("GET", "api/" + type + q, null);
        expectOk(r, "list " + type);
        List<JsonNode> out = new ArrayList<>();
        try {
            Json.mapper().readTree(r.body()).path("results").forEach(out::add);
        } catch (IOException e) {
            throw new LoadBalancerRefusedException("unreadable Avi answer for " + type + ": " + e.getMessage());
        }
        return out;
    }

    private void deleteByName(String type, String name) {
        byName(type, name).ifPresent(o -> deleteUuid(type, o.path("uuid").asText()));
    }

    private void deleteUuid(String type, String uuid) {
        Response r = send("DELETE", "api/" + type + "/" + uuid, null);
        if (r.status() != 404) { // already gone
            expectOk(r, "delete " + type + " " + uuid);
        }
    }

    private static void expectOk(Response r, String what) {
        if (r.status() / 100 != 2) {
            String message = r.body();
            try {
                JsonNode err = Json.mapper().readTree(r.body());
                message = err.path("error").asText(r.body());
            } catch (IOException notJson) {
                // keep the raw body
            }
            throw new LoadBalancerRefusedException("Avi refused to " + what + ": HTTP " + r.status() + " " + message);
        }
    }

    private Response send(String method, String path, JsonNode body) {
        long[] used = {ensureSession()};
        return RetryingCalls.send("Avi", controller, backoff, () -> {
            used[0] = session;
            return once(method, path, body);
        }, () -> loginUnlessRenewed(used[0]));
    }

    private Response once(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(controller.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Referer", controller.toString())
                .header("X-Avi-Tenant", settings.tenant());
        if (version != null) {
            b.header("X-Avi-Version", version);
        }
        csrf().ifPresent(t -> b.header("X-CSRFToken", t));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    private Optional<String> csrf() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("csrftoken"))
                .map(HttpCookie::getValue).findFirst();
    }

    private synchronized long ensureSession() {
        if (version == null) {
            login();
        }
        return session;
    }

    /** One client serves concurrent applies: only the first thread that sees a session expire logs in again. */
    private synchronized void loginUnlessRenewed(long used) {
        if (session == used) {
            login();
        }
    }

    /** The new session's cookies replace the old ones by name, so requests in flight are never sent without any. */
    private synchronized void login() {
        ObjectNode creds = Json.mapper().createObjectNode().put("username", username).put("password", password);
        try {
            Response r = once("POST", "login", creds);
            if (r.status() == 401) {
                throw new LoadBalancerRefusedException("Avi login failed: Invalid credentials");
            }
            if (r.status() != 200) {
                throw new LoadBalancerUnavailableException("Avi login failed: HTTP " + r.status(), null);
            }
            Response data = once("GET", "api/initial-data", null);
            version = Json.mapper().readTree(data.body()).path("version").path("Version").asText();
            session++;
        } catch (IOException e) {
            throw new LoadBalancerUnavailableException("Avi login failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadBalancerUnavailableException("interrupted", e);
        }
    }
}
