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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An emulator of the Avi Controller REST API as the applier uses it (vsvip, pool, l4policyset, httppolicyset,
 * virtualservice; controller 30.2.x, per the published SDK models) — NOT an Avi controller, which cannot run here. It enforces: {@code POST /login} with session cookies
 * ({@code csrftoken}, {@code avi-sessionid}); 401 without a live session (and after {@link #expireSessions()});
 * {@code X-CSRFToken} equal to the session's token and a {@code Referer} on writes (403 otherwise);
 * {@code X-Avi-Version} and {@code X-Avi-Tenant} on every API call (400); unknown fields (400); 409 on a
 * duplicate name; references {@code /api/<type>/?name=<n>} must resolve (400); an object still referenced
 * cannot be deleted (403); 404 for unknown uuids; optional "No available free IPs". Tests read its objects.
 */
public final class AviControllerEmulator implements AutoCloseable {

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "vsvip", Set.of("name", "vip", "tenant_ref", "cloud_ref", "vrf_context_ref", "uuid", "url", "bgp_peer_labels",
                    "markers"),
            "pool", Set.of("name", "servers", "default_server_port", "health_monitor_refs", "lb_algorithm", "tenant_ref",
                    "cloud_ref", "uuid", "url", "enabled", "created_by", "markers"),
            "l4policyset", Set.of("name", "l4_connection_policy", "tenant_ref", "uuid", "url", "description",
                    "created_by", "markers"),
            "httppolicyset", Set.of("name", "http_request_policy", "tenant_ref", "uuid", "url", "description",
                    "created_by", "markers"),
            "virtualservice", Set.of("name", "vsvip_ref", "services", "application_profile_ref", "network_profile_ref",
                    "se_group_ref", "enable_rhi", "l4_policies", "http_policies", "pool_ref", "tenant_ref", "cloud_ref", "uuid", "url",
                    "enabled", "created_by", "markers"));
    private static final Set<String> SYSTEM_OBJECTS = Set.of("healthmonitor/System-TCP", "healthmonitor/System-UDP",
            "applicationprofile/System-L4-Application", "applicationprofile/System-HTTP", "networkprofile/System-TCP-Proxy",
            "networkprofile/System-UDP-Fast-Path", "serviceenginegroup/Default-Group");
    private static final Pattern REF = Pattern.compile("/api/([a-z0-9]+)/\\?name=([^\"&]+)");

    private final HttpServer server;
    private final Map<String, String> sessions = new ConcurrentHashMap<>(); // sessionid -> csrftoken
    private final Map<String, Map<String, ObjectNode>> objects = new ConcurrentHashMap<>(); // type -> uuid -> object
    // Indexes a controller keeps in its database, so a lookup costs the same with 10 objects or 10,000: without
    // them the emulator itself would add work that grows with the object count to every call a benchmark times.
    private final Map<String, Map<String, String>> uuidByName = new ConcurrentHashMap<>(); // type -> name -> uuid
    private final Map<String, Integer> referencedBy = new ConcurrentHashMap<>(); // "type/name" -> referring objects
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    /** Object writes (POST, PUT, DELETE under /api/) answered so far, whatever their status: benchmarks count them. */
    public long writes() {
        return writes.get();
    }
    private final FailurePlan failures = new FailurePlan();
    private final AtomicBoolean conflictOnNextCreate = new AtomicBoolean();
    private volatile boolean noFreeIps;
    private final Set<String> seGroups = ConcurrentHashMap.newKeySet();
    private final Set<String> networks = ConcurrentHashMap.newKeySet();

    public AviControllerEmulator() throws IOException {
        server = LoopbackHttpServer.create();
        server.createContext("/", this::handle);
        server.start();
        FIELDS.keySet().forEach(t -> {
            objects.put(t, new ConcurrentHashMap<>());
            uuidByName.put(t, new ConcurrentHashMap<>());
        });
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public void addSeGroup(String name) {
        seGroups.add(name);
    }

    /** A network the controller knows (a VsVip's {@code ipam_network_subnet.network_ref} must name one). */
    public void addNetwork(String name) {
        networks.add(name);
    }

    public List<ObjectNode> objects(String type) {
        List<ObjectNode> out = new ArrayList<>(objects.get(type).values());
        out.sort((a, b) -> a.path("name").asText().compareTo(b.path("name").asText()));
        return out;
    }

    public void expireSessions() {
        sessions.clear();
    }

    public void failNext(int n, int status) {
        failures.next(n, status);
    }

    /**
     * Seeded faults on every request from now on: 503 with {@code errorRate}, the request carried out but its answer
     * lost with {@code lostRate} (the client sees the connection close, as after a timeout). Rates 0 end them.
     */
    public void failRandomly(long seed, double errorRate, double lostRate) {
        failures.random(seed, errorRate, lostRate);
    }

    /**
     * After {@code skip} served ones, the next n requests whose {@code "METHOD /path"} start with {@code prefix}
     * fail; several prefixes may fail at once, n = 0 ends one.
     */
    /** A {@link #failMatching} status: the request is carried out, then its answer is lost (a client timeout). */
    public static final int ANSWER_LOST = FailurePlan.ANSWER_LOST;

    public void failMatching(String prefix, int skip, int n, int status) {
        failures.matching(prefix, skip, n, status);
    }

    /** The next create finds the name taken (as if another writer won the race): 409, object then exists. */
    public void conflictOnNextCreate() {
        conflictOnNextCreate.set(true);
    }

    public void noFreeIps(boolean on) {
        noFreeIps = on;
    }

    /** Set while a request whose answer is to be lost is carried out. */
    private final ThreadLocal<Boolean> answerLost = ThreadLocal.withInitial(() -> false);

    private void handle(HttpExchange ex) throws IOException {
        answerLost.set(false);
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            FailurePlan.Failure failure = failures.take(method, path);
            if (failure != null && failure.status() == FailurePlan.ANSWER_LOST) {
                answerLost.set(true); // carried out below; reply() then sends nothing and the connection closes
            } else if (failure != null) {
                reply(ex, failure.status(), error("service unavailable"));
                return;
            }
            if (path.equals("/login") && method.equals("POST")) {
                login(ex);
                return;
            }
            String session = cookie(ex, "avi-sessionid");
            if (session == null || !sessions.containsKey(session)) {
                reply(ex, 401, error("Authentication credentials were not provided."));
                return;
            }
            if (path.equals("/api/initial-data")) {
                reply(ex, 200, Json.mapper().createObjectNode().set("version",
                        Json.mapper().createObjectNode().put("Version", "30.2.1")));
                return;
            }
            if (ex.getRequestHeaders().getFirst("X-Avi-Version") == null
                    || ex.getRequestHeaders().getFirst("X-Avi-Tenant") == null) {
                reply(ex, 400, error("X-Avi-Version and X-Avi-Tenant headers are required"));
                return;
            }
            if (!method.equals("GET") && (!sessions.get(session).equals(ex.getRequestHeaders().getFirst("X-CSRFToken"))
                    || ex.getRequestHeaders().getFirst("Referer") == null)) {
                reply(ex, 403, error("CSRF Failed: CSRF token missing or incorrect."));
                return;
            }
            api(ex, path, method);
        }
    }

    private void login(HttpExchange ex) throws IOException {
        JsonNode creds = Json.mapper().readTree(ex.getRequestBody());
        if (!"admin".equals(creds.path("username").asText()) || !"secret".equals(creds.path("password").asText())) {
            reply(ex, 401, error("Invalid credentials"));
            return;
        }
        String session = UUID.randomUUID().toString();
        String csrf = UUID.randomUUID().toString();
        sessions.put(session, csrf);
        ex.getResponseHeaders().add("Set-Cookie", "csrftoken=" + csrf + "; Path=/");
        ex.getResponseHeaders().add("Set-Cookie", "avi-sessionid=" + session + "; Path=/; HttpOnly");
        reply(ex, 200, Json.mapper().createObjectNode().put("user", "admin"));
    }

    private void api(HttpExchange ex, String path, String method) throws IOException {
        String[] parts = path.substring("/api/".length()).split("/");
        String type = parts[0];
        Map<String, ObjectNode> store = objects.get(type);
        if (store == null) {
            reply(ex, 404, error("unknown object type " + type));
            return;
        }
        String uuid = parts.length > 1 ? parts[1] : null;
        if (!"GET".equals(method)) {
            writes.incrementAndGet();
        }
        switch (method) {
            case "GET" -> {
                String name = query(ex, "name");
                ArrayNode results = Json.mapper().createArrayNode();
                if (name == null) {
                    objects(type).forEach(results::add);
                } else {
                    Optional.ofNullable(uuidByName.get(type).get(name)).map(store::get).ifPresent(results::add);
                }
                ObjectNode body = Json.mapper().createObjectNode().put("count", results.size());
                body.set("results", results);
                reply(ex, 200, body);
            }
            case "POST" -> {
                ObjectNode body = (ObjectNode) Json.mapper().readTree(ex.getRequestBody());
                String problem = validate(type, body);
                if (conflictOnNextCreate.getAndSet(false)) {
                    store(type, body.deepCopy(), type + "-" + UUID.randomUUID());
                    reply(ex, 409, error("Object with this Name and Tenant already exists."));
                } else if (problem != null) {
                    reply(ex, 400, error(problem));
                } else if (uuidByName.get(type).containsKey(body.path("name").asText())) {
                    reply(ex, 409, error("Object with this Name and Tenant already exists."));
                } else {
                    reply(ex, 201, store(type, body, type + "-" + UUID.randomUUID()));
                }
            }
            case "PUT" -> {
                ObjectNode body = (ObjectNode) Json.mapper().readTree(ex.getRequestBody());
                String problem = validate(type, body);
                if (uuid == null || !store.containsKey(uuid)) {
                    reply(ex, 404, error("object not found"));
                } else if (problem != null) {
                    reply(ex, 400, error(problem));
                } else {
                    reply(ex, 200, store(type, body, uuid));
                }
            }
            case "DELETE" -> {
                ObjectNode o = uuid == null ? null : store.get(uuid);
                if (o == null) {
                    reply(ex, 404, error("object not found"));
                } else if (referenced(type, o.path("name").asText())) {
                    reply(ex, 403, error("Cannot delete, object is referred by other objects"));
                } else {
                    remove(type, uuid);
                    reply(ex, 204, null);
                }
            }
            default -> reply(ex, 405, error("method not allowed"));
        }
    }

    private synchronized ObjectNode store(String type, ObjectNode body, String uuid) {
        body.put("uuid", uuid);
        body.put("url", "/api/" + type + "/" + uuid);
        ObjectNode before = objects.get(type).put(uuid, body);
        if (before != null) {
            uuidByName.get(type).remove(before.path("name").asText(), uuid);
            countReferences(before, -1);
        }
        uuidByName.get(type).put(body.path("name").asText(), uuid);
        countReferences(body, 1);
        return body;
    }

    private synchronized void remove(String type, String uuid) {
        ObjectNode gone = objects.get(type).remove(uuid);
        if (gone != null) {
            uuidByName.get(type).remove(gone.path("name").asText(), uuid);
            countReferences(gone, -1);
        }
    }

    /** Adds (or takes away) the references an object holds ({@code /api/<type>/?name=<name>}). */
    private void countReferences(ObjectNode o, int delta) {
        Matcher m = REF.matcher(o.toString());
        while (m.find()) {
            String key = m.group(1) + "/" + URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            referencedBy.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private String validate(String type, ObjectNode body) {
        if (!body.path("name").isTextual()) {
            return "name is required";
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.get(type).contains(f)) {
                return "Unknown field " + f + " in " + type;
            }
        }
        if (type.equals("vsvip")) {
            if (noFreeIps) {
                return "No available free IPs";
            }
            JsonNode vip = body.path("vip").path(0);
            if (!vip.path("vip_id").isTextual() || !Set.of("V4", "V6").contains(vip.path("ip_address").path("type").asText())) {
                return "vip[0].vip_id (string) and ip_address.type V4/V6 are required";
            }
        }
        Matcher m = REF.matcher(body.toString());
        while (m.find()) {
            String refType = m.group(1);
            String refName = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            boolean exists = SYSTEM_OBJECTS.contains(refType + "/" + refName)
                    || refType.equals("serviceenginegroup") && seGroups.contains(refName)
                    || refType.equals("network") && networks.contains(refName)
                    || uuidByName.containsKey(refType) && uuidByName.get(refType).containsKey(refName);
            if (!exists) {
                return "Cannot find object " + refType + " " + refName;
            }
        }
        return null;
    }

    private boolean referenced(String type, String name) {
        return referencedBy.containsKey(type + "/" + name);
    }

    private static String cookie(HttpExchange ex, String name) {
        List<String> headers = ex.getRequestHeaders().getOrDefault("Cookie", List.of());
        for (String h : headers) {
            for (String c : h.split(";")) {
                String[] kv = c.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(name)) {
                    return kv[1];
                }
            }
        }
        return null;
    }

    private static String query(HttpExchange ex, String key) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : q.split("&")) {
            String[] kv = p.split("=", 2);
            params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params.get(key);
    }

    private static ObjectNode error(String message) {
        return Json.mapper().createObjectNode().put("error", message);
    }

    private void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        if (answerLost.get()) {
            return; // closing an exchange that sent no headers drops the connection: the client hears nothing
        }
        JsonReplies.reply(ex, status, body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
