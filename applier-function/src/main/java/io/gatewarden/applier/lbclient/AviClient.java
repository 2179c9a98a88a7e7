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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Avi Controller REST for an L4 virtual service: session login with cookies and CSRF token, X-Avi-Version from
 * {@code /api/initial-data}, X-Avi-Tenant; create-or-update by name in the order vsvip → pools → l4policyset →
 * virtualservice, deletes in reverse. One VIP carries TCP and UDP listeners (UDP services override the network
 * profile when TCP is present). 401 → log in again once; 409 → re-read and retry; 5xx → backoff, then
 * {@link LoadBalancerUnavailableException}; other 4xx (e.g. "No available free IPs") → {@link LoadBalancerRefusedException}
 * with the controller's message.
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

    public AviClient(URI controller, String username, String password, AviSettings settings, Backoff backoff) {
        this.controller = URI.create(controller.toString().endsWith("/") ? controller.toString() : controller + "/");
        this.username = username;
        this.password = password;
        this.settings = settings;
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(3)).build();
    }

    static String poolName(String vs, VirtualService.Listener l) {
        return vs + "-" + l.protocol().toUpperCase() + "-" + l.port();
    }

    @Override
    public void apply(VirtualService vs) {
        upsert("vsvip", vsvip(vs));
        for (VirtualService.Listener l : vs.listeners()) {
            upsert("pool", pool(vs, l));
        }
        upsert("l4policyset", policySet(vs));
        upsert("virtualservice", virtualService(vs));
        removeStalePools(vs);
    }

    @Override
    public void delete(String name) {
        deleteByName("virtualservice", name);
        deleteByName("l4policyset", name);
        for (JsonNode pool : list("pool", null)) {
            if (pool.path("name").asText().startsWith(name + "-")) {
                deleteUuid("pool", pool.path("uuid").asText());
            }
        }
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
        List<VirtualService.Listener> listeners = new ArrayList<>();
        for (JsonNode pool : list("pool", null)) {
            String pn = pool.path("name").asText();
            if (!pn.startsWith(name + "-")) {
                continue;
            }
            String[] parts = pn.substring(name.length() + 1).split("-");
            List<VirtualService.Member> members = new ArrayList<>();
            pool.path("servers").forEach(s -> members.add(new VirtualService.Member(s.path("ip").path("addr").asText(),
                    s.path("port").asInt())));
            listeners.add(new VirtualService.Listener(parts[0], Integer.parseInt(parts[1]), members));
        }
        listeners.sort(java.util.Comparator.comparing(VirtualService.Listener::port)
                .thenComparing(VirtualService.Listener::protocol));
        return Optional.of(new VirtualService(name, vip, listeners));
    }

    private ObjectNode vsvip(VirtualService vs) {
        ObjectNode o = named(vs.name());
        ObjectNode vip = o.putArray("vip").addObject();
        vip.put("vip_id", "0");
        vip.putObject("ip_address").put("addr", vs.vip()).put("type", vs.vip().contains(":") ? "V6" : "V4");
        return o;
    }

    private ObjectNode pool(VirtualService vs, VirtualService.Listener l) {
        ObjectNode o = named(poolName(vs.name(), l));
        o.put("default_server_port", l.port());
        o.putArray("health_monitor_refs").add("/api/healthmonitor/?name="
                + ("UDP".equalsIgnoreCase(l.protocol()) ? "System-UDP" : "System-TCP"));
        ArrayNode servers = o.putArray("servers");
        l.members().forEach(m -> {
            ObjectNode s = servers.addObject();
            s.putObject("ip").put("addr", m.address()).put("type", m.address().contains(":") ? "V6" : "V4");
            s.put("port", m.port());
        });
        return o;
    }

    private ObjectNode policySet(VirtualService vs) {
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
                    .put("pool_ref", "/api/pool/?name=" + poolName(vs.name(), l));
        }
        return o;
    }

    private ObjectNode virtualService(VirtualService vs) {
        boolean tcp = vs.listeners().stream().anyMatch(l -> !"UDP".equalsIgnoreCase(l.protocol()));
        ObjectNode o = named(vs.name());
        o.put("vsvip_ref", "/api/vsvip/?name=" + vs.name());
        o.put("application_profile_ref", "/api/applicationprofile/?name=System-L4-Application");
        o.put("network_profile_ref", "/api/networkprofile/?name=" + (tcp ? "System-TCP-Proxy" : "System-UDP-Fast-Path"));
        if (settings.seGroup() != null) {
            o.put("se_group_ref", "/api/serviceenginegroup/?name=" + settings.seGroup());
        }
        o.put("enable_rhi", settings.enableRhi());
        ArrayNode services = o.putArray("services");
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

    private void removeStalePools(VirtualService vs) {
        List<String> wanted = vs.listeners().stream().map(l -> poolName(vs.name(), l)).toList();
        for (JsonNode pool : list("pool", null)) {
            String n = pool.path("name").asText();
            if (n.startsWith(vs.name() + "-") && !wanted.contains(n)) {
                deleteUuid("pool", pool.path("uuid").asText());
            }
        }
    }

    private ObjectNode named(String name) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("name", name);
        return o;
    }

    /** Create, or update the existing object of that name; a 409 (created meanwhile) re-reads and updates. */
    private void upsert(String type, ObjectNode desired) {
        for (int conflict = 0; conflict < 2; conflict++) {
            Optional<JsonNode> existing = byName(type, desired.path("name").asText());
            Response r = existing.isPresent()
                    ? send("PUT", "api/" + type + "/" + existing.get().path("uuid").asText(), desired)
                    : send("POST", "api/" + type, desired);
            if (r.status() == 409) {
                continue;
            }
            expectOk(r, (existing.isPresent() ? "update " : "create ") + type + " " + desired.path("name").asText());
            return;
        }
        throw new LoadBalancerUnavailableException("Avi kept answering 409 for " + type + " "
                + desired.path("name").asText(), null);
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
        if (version == null) {
            login();
        }
        return RetryingCalls.send("Avi", controller, backoff, () -> once(method, path, body), this::login);
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

    private synchronized void login() {
        cookies.getCookieStore().removeAll();
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
        } catch (IOException e) {
            throw new LoadBalancerUnavailableException("Avi login failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadBalancerUnavailableException("interrupted", e);
        }
    }
}
