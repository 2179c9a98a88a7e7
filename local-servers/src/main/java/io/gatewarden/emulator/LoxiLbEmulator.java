package io.gatewarden.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An emulator of loxilb's published REST API ({@code /netlox/v1}, loxilb's api/swagger.yml), NOT loxilb: no
 * loxilb can run here, so tests talk to this instead. It enforces the contract a client depends on: bearer
 * login when enabled (401 otherwise, and after {@link #expireSessions()}), the rule key (VIP, protocol, port)
 * with 409 "lbrule-exists" on a second POST, 404 on deleting a missing name, required fields, field types and
 * the protocol enum (400, unknown fields refused too), 1..32 endpoints. It keeps its rules for tests to read
 * and can fail on demand ({@link #failNext}, {@link #failMatching}, {@link #failRandomly}).
 */
public final class LoxiLbEmulator implements AutoCloseable {

    private static final Set<String> ARG_FIELDS = Set.of("externalIP", "privateIP", "port", "portMax", "protocol",
            "sel", "bgp", "monitor", "probetype", "probeport", "probereq", "proberesp", "managed", "mode", "security",
            "block", "inactiveTimeOut", "probeTimeout", "probeRetries", "name", "snat", "oper", "host",
            "proxyprotocolv2", "egress");
    private static final Set<String> ENDPOINT_FIELDS = Set.of("endpointIP", "weight", "targetPort", "state", "counter");
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "sctp", "icmp");

    private final HttpServer server;
    private final Map<String, ObjectNode> rulesByKey = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final boolean auth;
    private final FailurePlan failures = new FailurePlan();
    private final AtomicInteger requests = new AtomicInteger();

    public LoxiLbEmulator(boolean auth) throws IOException {
        this.auth = auth;
        server = LoopbackHttpServer.create();
        server.createContext("/netlox/v1/", this::handle);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/netlox/v1");
    }

    /** Rules as stored (each a LoadbalanceEntry), sorted by name. */
    public List<JsonNode> rules() {
        List<JsonNode> out = new ArrayList<>(rulesByKey.values());
        out.sort((a, b) -> name(a).compareTo(name(b)));
        return out;
    }

    public void expireSessions() {
        tokens.clear();
    }

    /** The next {@code n} requests fail with {@code status}. */
    public void failNext(int n, int status) {
        failures.next(n, status);
    }

    /**
     * After {@code skip} served ones, the next n requests whose {@code "METHOD /path"} (below /netlox/v1) start
     * with {@code prefix} fail.
     */
    public void failMatching(String prefix, int skip, int n, int status) {
        failures.matching(prefix, skip, n, status);
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String path = ex.getRequestURI().getPath().substring("/netlox/v1".length());
            String method = ex.getRequestMethod();
            answerLost.set(false);
            FailurePlan.Failure failure = failures.take(method, path);
            if (failure != null && failure.status() == FailurePlan.ANSWER_LOST) {
                answerLost.set(true); // carried out below; reply() then sends nothing and the connection closes
            } else if (failure != null) {
                reply(ex, failure.status(), error(failure.status(), "Maintenance mode"));
                return;
            }
            if (path.equals("/auth/login") && method.equals("POST")) {
                JsonNode user = Json.mapper().readTree(ex.getRequestBody());
                if ("admin".equals(user.path("username").asText()) && "secret".equals(user.path("password").asText())) {
                    String token = UUID.randomUUID().toString();
                    tokens.add(token);
                    reply(ex, 200, Json.mapper().createObjectNode().put("token", token));
                } else {
                    reply(ex, 401, error(401, "Invalid authentication credentials"));
                }
                return;
            }
            if (auth) {
                String h = ex.getRequestHeaders().getFirst("Authorization");
                if (h == null || !h.startsWith("Bearer ") || !tokens.contains(h.substring(7))) {
                    reply(ex, 401, error(401, "Invalid authentication credentials"));
                    return;
                }
            }
            if (path.equals("/config/loadbalancer") && method.equals("POST")) {
                create(ex);
            } else if (path.equals("/config/loadbalancer/all") && method.equals("GET")) {
                ObjectNode all = Json.mapper().createObjectNode();
                ArrayNode list = all.putArray("lbAttr");
                rules().forEach(list::add);
                reply(ex, 200, all);
            } else if (path.startsWith("/config/loadbalancer/name/") && method.equals("DELETE")) {
                String name = java.net.URLDecoder.decode(path.substring("/config/loadbalancer/name/".length()),
                        StandardCharsets.UTF_8);
                boolean removed = rulesByKey.values().removeIf(r -> name(r).equals(name));
                reply(ex, removed ? 200 : 404, removed ? success() : error(404, "lbrule not found"));
            } else {
                reply(ex, 404, error(404, "Resource not found"));
            }
        }
    }

    private void create(HttpExchange ex) throws IOException {
        JsonNode body;
        try {
            body = Json.mapper().readTree(ex.getRequestBody());
        } catch (IOException e) {
            reply(ex, 400, error(400, "Malformed arguments for API call"));
            return;
        }
        String problem = validate(body);
        if (problem != null) {
            reply(ex, 400, error(400, problem));
            return;
        }
        JsonNode args = body.path("serviceArguments");
        String key = args.path("externalIP").asText() + "|" + args.path("protocol").asText("tcp") + "|"
                + args.path("port").asInt();
        if (rulesByKey.putIfAbsent(key, (ObjectNode) body) != null) {
            reply(ex, 409, error(409, "lbrule-exists").put("result", "lbrule-exists"));
            return;
        }
        reply(ex, 200, success());
    }

    /** Required fields, JSON types, enums, endpoint count; unknown fields are refused. */
    private static String validate(JsonNode body) {
        Set<String> top = new HashSet<>();
        body.fieldNames().forEachRemaining(top::add);
        top.removeAll(Set.of("serviceArguments", "endpoints", "secondaryIPs", "allowedSources"));
        if (!top.isEmpty()) {
            return "unknown fields " + top;
        }
        JsonNode args = body.path("serviceArguments");
        if (!args.isObject() || !args.path("externalIP").isTextual() || !args.path("port").isInt()) {
            return "serviceArguments.externalIP (string) and port (integer) are required";
        }
        for (var it = args.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ARG_FIELDS.contains(f)) {
                return "unknown field serviceArguments." + f;
            }
        }
        if (args.has("protocol") && !PROTOCOLS.contains(args.path("protocol").asText())) {
            return "serviceArguments.protocol must be one of " + PROTOCOLS;
        }
        JsonNode eps = body.path("endpoints");
        if (!eps.isArray() || eps.size() < 1 || eps.size() > 32) {
            return "endpoints: 1..32 required";
        }
        for (JsonNode e : eps) {
            for (var it = e.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!ENDPOINT_FIELDS.contains(f)) {
                    return "unknown field endpoints[]." + f;
                }
            }
            if (!e.path("endpointIP").isTextual() || !e.path("weight").isInt() || !e.path("targetPort").isInt()) {
                return "endpoints[]: endpointIP, weight and targetPort are required";
            }
        }
        return null;
    }

    private static String name(JsonNode rule) {
        return rule.path("serviceArguments").path("name").asText();
    }

    private static ObjectNode error(int code, String message) {
        return Json.mapper().createObjectNode().put("code", code).put("message", message);
    }

    private static ObjectNode success() {
        return Json.mapper().createObjectNode().put("result", "Success");
    }

    private void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        if (answerLost.get()) {
            return; // closing an exchange that sent no headers drops the connection: the client hears nothing
        }
        JsonReplies.reply(ex, status, body);
    }

    /** Set while a request whose answer is to be lost is carried out. */
    private final ThreadLocal<Boolean> answerLost = ThreadLocal.withInitial(() -> false);

    /**
     * Seeded faults on every request from now on: 503 with {@code errorRate}, the request carried out but its answer
     * lost with {@code lostRate} (the client sees the connection close, as after a timeout). Rates 0 end them.
     */
    public void failRandomly(long seed, double errorRate, double lostRate) {
        failures.random(seed, errorRate, lostRate);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
