package io.gatewarden.applier.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.applier.ApplierException;
import io.gatewarden.kube.WatchedResource;
import io.gatewarden.model.manifest.Json;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.util.PatchUtils;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Shows users what the applier did, through the Kubernetes API: a Service's or Ingress's
 * {@code status.loadBalancer} ({@code kubectl get svc} EXTERNAL-IP), a Gateway's {@code status.addresses} and
 * conditions ({@code kubectl get gateway} ADDRESS), and a Warning Event when an object cannot be realized.
 *
 * <p>Status is written by server-side apply with field manager {@value #FIELD_MANAGER}: Gatewarden owns exactly the
 * fields it sets and never clears another manager's. A condition keeps its {@code lastTransitionTime} while its
 * status stays the same. Events name the object's uid and resourceVersion (so {@code kubectl describe} lists them)
 * and are deduplicated: the same reason and message on the same object counts one Event up instead of adding one.
 */
public class StatusWriter implements StatusReporter {

    /** The field manager of every status Gatewarden applies. */
    public static final String FIELD_MANAGER = "gatewarden";

    private final ApiClient client;
    private final Clock clock;

    public StatusWriter(ApiClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void serviceVip(String namespace, String name, String ip) {
        ObjectNode status = Json.mapper().createObjectNode();
        status.putObject("loadBalancer").putArray("ingress").addObject().put("ip", ip);
        CoreV1Api core = new CoreV1Api(client);
        String body = applyBody("v1", "Service", namespace, name, status);
        call("Service " + namespace + "/" + name, () -> PatchUtils.patch(V1Service.class,
                () -> core.patchNamespacedServiceStatus(name, namespace, new V1Patch(body)).fieldManager(FIELD_MANAGER)
                        .force(true).buildCall(null),
                V1Patch.PATCH_FORMAT_APPLY_YAML, client));
    }

    @Override
    public void ingressVips(String namespace, String name, List<String> ips) {
        ObjectNode status = Json.mapper().createObjectNode();
        ArrayNode ingress = status.putObject("loadBalancer").putArray("ingress");
        ips.forEach(ip -> ingress.addObject().put("ip", ip));
        NetworkingV1Api networking = new NetworkingV1Api(client);
        String body = applyBody("networking.k8s.io/v1", "Ingress", namespace, name, status);
        call("Ingress " + namespace + "/" + name, () -> PatchUtils.patch(V1Ingress.class,
                () -> networking.patchNamespacedIngressStatus(name, namespace, new V1Patch(body))
                        .fieldManager(FIELD_MANAGER).force(true).buildCall(null),
                V1Patch.PATCH_FORMAT_APPLY_YAML, client));
    }

    /** Gateway status: the VIP as {@code IPAddress}, conditions and listener statuses (both API versions). */
    @Override
    public void gateway(String group, String version, String namespace, String name, String ip, long generation,
            List<GatewayCondition> conditions, List<ListenerState> listeners) {
        JsonNode current = read(new WatchedResource(group, version, "gateways", "Gateway", true), namespace, name);
        if (current == null) {
            return; // the Gateway is gone: nothing to show it on
        }
        JsonNode before = current.path("status");
        String now = rfc3339(clock);
        ObjectNode status = Json.mapper().createObjectNode();
        if (ip != null) {
            status.putArray("addresses").addObject().put("type", "IPAddress").put("value", ip);
        }
        conditions(status.putArray("conditions"), conditions, before.path("conditions"), generation, now);
        if (!listeners.isEmpty()) {
            ArrayNode ls = status.putArray("listeners");
            for (ListenerState l : listeners) {
                ObjectNode o = ls.addObject();
                if (l.name() != null) {
                    o.put("name", l.name());
                }
                if (l.port() != null) {
                    o.put("port", l.port()).put("protocol", l.protocol());
                }
                if (l.attachedRoutes() != null) {
                    o.put("attachedRoutes", l.attachedRoutes());
                    o.putArray("supportedKinds").addObject().put("group", group)
                            .put("kind", "UDP".equals(l.protocol()) ? "UDPRoute" : "TCPRoute");
                }
                conditions(o.putArray("conditions"), l.conditions(), previousListener(before, l).path("conditions"),
                        generation, now);
            }
        }
        CustomObjectsApi custom = new CustomObjectsApi(client);
        String body = applyBody(group + "/" + version, "Gateway", namespace, name, status);
        call("Gateway " + namespace + "/" + name, () -> PatchUtils.patch(Object.class,
                () -> custom.patchNamespacedCustomObjectStatus(group, version, namespace, "gateways", name,
                        new V1Patch(body)).fieldManager(FIELD_MANAGER).force(true).buildCall(null),
                V1Patch.PATCH_FORMAT_APPLY_YAML, client));
    }

    /** A server-side apply configuration: the object's identity and the status Gatewarden owns (JSON is YAML). */
    private static String applyBody(String apiVersion, String kind, String namespace, String name, ObjectNode status) {
        ObjectNode o = Json.mapper().createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        o.putObject("metadata").put("name", name).put("namespace", namespace);
        o.set("status", status);
        return o.toString();
    }

    private static JsonNode previousListener(JsonNode before, ListenerState l) {
        for (JsonNode o : before.path("listeners")) {
            boolean same = l.name() != null ? l.name().equals(o.path("name").asText(null))
                    : l.port() != null && l.port() == o.path("port").asInt(-1)
                            && String.valueOf(l.protocol()).equals(o.path("protocol").asText());
            if (same) {
                return o;
            }
        }
        return Json.mapper().missingNode();
    }

    /** Conditions with {@code lastTransitionTime} kept from {@code before} while the status did not change. */
    private static void conditions(ArrayNode out, List<GatewayCondition> conditions, JsonNode before, long generation,
            String now) {
        Map<String, JsonNode> previous = new HashMap<>();
        before.forEach(c -> previous.put(c.path("type").asText(), c));
        for (GatewayCondition c : conditions) {
            String status = c.status() ? "True" : "False";
            JsonNode old = previous.get(c.type());
            String since = old != null && status.equals(old.path("status").asText())
                    && old.path("lastTransitionTime").isTextual() ? old.path("lastTransitionTime").asText() : now;
            out.addObject().put("type", c.type()).put("status", status).put("reason", c.reason())
                    .put("message", c.message()).put("observedGeneration", generation).put("lastTransitionTime", since);
        }
    }

    /**
     * A Warning Event on the object: why it cannot be realized (pool exhausted, controller refused). The object is
     * read first for its uid and resourceVersion; one Event per object, reason and message, counted up on repeats.
     */
    @Override
    public void warning(String apiVersion, String kind, String namespace, String name, String reason, String message) {
        WatchedResource resource = resourceOf(apiVersion, kind);
        if (resource == null || (resource.group().isEmpty() && !"Service".equals(kind))) {
            throw new ApplierException("no Event for " + kind + " " + namespace + "/" + name + ": " + apiVersion
                    + " " + kind + " is not a kind Gatewarden watches");
        }
        JsonNode object = read(resource, namespace, name);
        if (object == null) {
            return; // the object is gone: nothing to show the Event on
        }
        String uid = object.path("metadata").path("uid").asText();
        String resourceVersion = object.path("metadata").path("resourceVersion").asText();
        String eventName = name + "." + digest(uid + "\n" + reason + "\n" + message);
        OffsetDateTime now = OffsetDateTime.now(clock).withNano(0);
        CoreV1Api core = new CoreV1Api(client);
        String what = "Event for " + kind + " " + namespace + "/" + name;
        try {
            CoreV1Event existing = core.readNamespacedEvent(eventName, namespace).execute();
            int count = existing.getCount() == null ? 1 : existing.getCount();
            ObjectNode patch = Json.mapper().createObjectNode().put("count", count + 1)
                    .put("lastTimestamp", rfc3339(clock));
            patch.putObject("involvedObject").put("resourceVersion", resourceVersion);
            call(what, () -> PatchUtils.patch(CoreV1Event.class,
                    () -> core.patchNamespacedEvent(eventName, namespace, new V1Patch(patch.toString()))
                            .buildCall(null), V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client));
            return;
        } catch (ApiException e) {
            if (e.getCode() != 404) {
                throw new ApplierException("status write for " + what + " failed: HTTP " + e.getCode(), e);
            }
        }
        CoreV1Event event = new CoreV1Event().apiVersion("v1").kind("Event")
                .metadata(new V1ObjectMeta().name(eventName).namespace(namespace))
                .involvedObject(new V1ObjectReference().apiVersion(apiVersion).kind(kind).namespace(namespace)
                        .name(name).uid(uid).resourceVersion(resourceVersion))
                .type("Warning").reason(reason).message(message).firstTimestamp(now).lastTimestamp(now).count(1)
                .reportingComponent("gatewarden-applier").source(new V1EventSource().component("gatewarden-applier"));
        call(what, () -> core.createNamespacedEvent(namespace, event).execute());
    }

    /** The object as JSON, or null when the API server has no such object. */
    private JsonNode read(WatchedResource r, String namespace, String name) {
        String what = r.kind() + " " + namespace + "/" + name;
        try {
            Object o = r.group().isEmpty()
                    ? new CoreV1Api(client).readNamespacedService(name, namespace).execute()
                    : new CustomObjectsApi(client).getNamespacedCustomObject(r.group(), r.version(), namespace,
                            r.plural(), name).execute();
            return readTree(client.getJSON().serialize(o));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw new ApplierException("reading " + what + " failed: HTTP " + e.getCode() + " "
                    + oneLine(e.getResponseBody()), e);
        }
    }

    private static WatchedResource resourceOf(String apiVersion, String kind) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        WatchedResource sameGroup = null;
        for (WatchedResource r : WatchedResource.ALL) {
            if (r.kind().equals(kind) && r.group().equals(group)) {
                if (r.version().equals(version)) {
                    return r;
                }
                sameGroup = sameGroup == null ? r : sameGroup;
            }
        }
        return sameGroup == null ? null
                : new WatchedResource(group, version, sameGroup.plural(), kind, sameGroup.namespaced());
    }

    /**
     * RFC 3339 in UTC with whole seconds, as the API server's metav1.Time wants ({@code OffsetDateTime.toString()}
     * drops zero seconds, which it refuses).
     */
    static String rfc3339(Clock clock) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApplierException("the API server answered JSON that does not parse: " + e.getOriginalMessage(), e);
        }
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private interface ApiCall {
        Object run() throws ApiException;
    }

    private static void call(String what, ApiCall c) {
        try {
            c.run();
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return; // the object is gone: nothing to show it on
            }
            throw new ApplierException("status write for " + what + " failed: HTTP " + e.getCode() + " "
                    + oneLine(e.getResponseBody()), e);
        }
    }

    private static String oneLine(String body) {
        if (body == null) {
            return "";
        }
        String line = body.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 299) + "…" : line;
    }
}
