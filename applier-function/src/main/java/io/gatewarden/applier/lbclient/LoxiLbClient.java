package io.gatewarden.applier.lbclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.applier.lbclient.RetryingCalls.Response;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * loxilb REST ({@code /netlox/v1}): one load-balancer rule per (VIP, protocol, port), named
 * {@code <vs>-<protocol>-<port>}. A re-POST of an existing rule answers 409 "lbrule-exists", which counts as
 * success; a rule whose endpoints changed is deleted and created again. 401 logs in again once (when
 * credentials are set); 5xx and timeouts are retried with backoff, then {@link LoadBalancerUnavailableException}.
 */
public class LoxiLbClient implements LoadBalancerClient {

    private final HttpClient http;
    private final URI base;
    private final String username;
    private final String password;
    private final Backoff backoff;
    private volatile String token;

    /**
     * @param base     e.g. {@code http://loxilb:11111/netlox/v1}
     * @param username null when the API runs without authentication
     */
    public LoxiLbClient(URI base, String username, String password, Backoff backoff) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.username = username;
        this.password = password;
        this.backoff = backoff;
    }

    private static final java.util.regex.Pattern RULE_SUFFIX = java.util.regex.Pattern.compile("(tcp|udp|sctp)-\\d+");

    /** Whether a rule name is one {@link #ruleName} gives {@code vs}. */
    static boolean isRuleOf(String vs, String rule) {
        return rule.startsWith(vs + "-") && RULE_SUFFIX.matcher(rule.substring(vs.length() + 1)).matches();
    }

    static String ruleName(String vs, String protocol, int port) {
        return vs + "-" + protocol.toLowerCase() + "-" + port;
    }

    @Override
    public void apply(VirtualService desired) {
        Map<String, JsonNode> existing = rules(desired.name());
        List<String> wanted = new ArrayList<>();
        List<String> created = new ArrayList<>();
        List<JsonNode> replaced = new ArrayList<>();
        try {
            for (VirtualService.Listener l : desired.listeners()) {
                String name = ruleName(desired.name(), l.protocol(), l.port());
                wanted.add(name);
                ObjectNode rule = rule(desired.vip(), name, l);
                JsonNode current = existing.get(name);
                if (current != null && sameEndpoints(current, rule)) {
                    continue;
                }
                if (current != null) {
                    deleteRule(name);
                    replaced.add(current);
                }
                Response r = send("POST", "config/loadbalancer", rule);
                if (r.status() == 409 && r.body().contains("lbrule-exists")) {
                    continue; // identical rule already there
                }
                expectOk(r, "create " + name);
                created.add(name);
            }
        } catch (RuntimeException failed) {
            undo(created, replaced, failed);
            throw failed;
        }
        for (String stale : existing.keySet()) {
            if (!wanted.contains(stale)) {
                deleteRule(stale);
            }
        }
    }

    /**
     * loxilb has no transactions: a failed apply deletes the rules it created and puts back the rules it had
     * replaced, so the load balancer keeps its previous configuration rather than half of the new one.
     */
    private void undo(List<String> created, List<JsonNode> replaced, RuntimeException failure) {
        for (String name : created) {
            try {
                deleteRule(name);
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
        }
        for (JsonNode old : replaced) {
            try {
                String name = old.path("serviceArguments").path("name").asText();
                deleteRule(name); // a new rule of that name may have been created before the failure
                Response r = send("POST", "config/loadbalancer", old);
                if (r.status() != 409) {
                    expectOk(r, "restore " + name);
                }
            } catch (RuntimeException alsoFailed) {
                failure.addSuppressed(alsoFailed);
            }
        }
    }

    @Override
    public void delete(String name) {
        rules(name).keySet().forEach(this::deleteRule);
    }

    @Override
    public Optional<VirtualService> read(String name) {
        Map<String, JsonNode> rules = rules(name);
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        String vip = null;
        List<VirtualService.Listener> listeners = new ArrayList<>();
        for (JsonNode r : rules.values()) {
            JsonNode args = r.path("serviceArguments");
            vip = args.path("externalIP").asText();
            List<VirtualService.Member> members = new ArrayList<>();
            r.path("endpoints").forEach(e -> members.add(new VirtualService.Member(e.path("endpointIP").asText(),
                    e.path("targetPort").asInt())));
            listeners.add(new VirtualService.Listener(args.path("protocol").asText().toUpperCase(),
                    args.path("port").asInt(), members));
        }
        listeners.sort(Comparator.comparing(VirtualService.Listener::port).thenComparing(VirtualService.Listener::protocol));
        return Optional.of(new VirtualService(name, vip, listeners));
    }

    private ObjectNode rule(String vip, String name, VirtualService.Listener l) {
        ObjectNode rule = Json.mapper().createObjectNode();
        ObjectNode args = rule.putObject("serviceArguments");
        args.put("externalIP", vip);
        args.put("port", l.port());
        args.put("protocol", l.protocol().toLowerCase());
        args.put("sel", 0);
        args.put("mode", 2);
        args.put("name", name);
        args.put("managed", true);
        var endpoints = rule.putArray("endpoints");
        l.members().forEach(m -> endpoints.addObject().put("endpointIP", m.address()).put("targetPort", m.port())
                .put("weight", 1));
        return rule;
    }

    private static boolean sameEndpoints(JsonNode current, ObjectNode desired) {
        return endpointSet(current).equals(endpointSet(desired));
    }

    private static List<String> endpointSet(JsonNode rule) {
        List<String> out = new ArrayList<>();
        rule.path("endpoints").forEach(e -> out.add(e.path("endpointIP").asText() + ":" + e.path("targetPort").asInt()));
        out.sort(String::compareTo);
        return out;
    }

    /**
     * Rules of a virtual service by name: exactly {@code <vs>-<protocol>-<port>}. A prefix alone is not enough:
     * {@code local--demo-edge-edge-dns-tcp-53} begins with {@code local--demo-edge-edge-}, yet belongs to another.
     */
    private Map<String, JsonNode> rules(String vs) {
        Response r = send("GET", "config/loadbalancer/all", null);
        expectOk(r, "list rules");
        Map<String, JsonNode> out = new TreeMap<>();
        try {
            for (JsonNode rule : Json.mapper().readTree(r.body()).path("lbAttr")) {
                String name = rule.path("serviceArguments").path("name").asText();
                if (isRuleOf(vs, name)) {
                    out.put(name, rule);
                }
            }
        } catch (IOException e) {
            throw new LoadBalancerRefusedException("loxilb answered an unreadable rule list: " + e.getMessage());
        }
        return out;
    }

    private void deleteRule(String name) {
        Response r = send("DELETE", "config/loadbalancer/name/" + URLEncoder.encode(name, StandardCharsets.UTF_8), null);
        if (r.status() != 404) { // 404: already gone
            expectOk(r, "delete " + name);
        }
    }

    private static void expectOk(Response r, String what) {
        if (r.status() / 100 != 2) {
            throw new LoadBalancerRefusedException("loxilb refused to " + what + ": HTTP " + r.status() + " " + r.body());
        }
    }

    private Response send(String method, String path, JsonNode body) {
        return RetryingCalls.send("loxilb", base, backoff, () -> once(method, path, body),
                username == null ? null : this::login);
    }

    private Response once(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    private void login() {
        ObjectNode user = Json.mapper().createObjectNode().put("username", username).put("password", password);
        try {
            Response r = once("POST", "auth/login", user);
            if (r.status() != 200) {
                throw new LoadBalancerRefusedException("loxilb login failed: HTTP " + r.status());
            }
            token = Json.mapper().readTree(r.body()).path("token").asText();
        } catch (IOException | InterruptedException e) {
            throw new LoadBalancerUnavailableException("loxilb login failed: " + e.getMessage(), e);
        }
    }
}
