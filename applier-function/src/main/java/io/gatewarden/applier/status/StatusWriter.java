package io.gatewarden.applier.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.applier.ApplierException;
import io.gatewarden.model.manifest.Json;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.util.PatchUtils;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Shows users what the applier did, through the Kubernetes API: a Service's {@code status.loadBalancer}, a
 * Gateway's {@code status.addresses} and conditions, and an Event when an object cannot be realized — so
 * {@code kubectl get svc} shows the VIP and {@code kubectl describe} says why not. JSON Patches on the status
 * subresource: a Service's or Ingress's {@code status.loadBalancer} is set wholly (its other status fields are left alone);
 * a Gateway's status belongs to its controller and is set wholly.
 */
public class StatusWriter implements StatusReporter {

    private final ApiClient client;
    private final Clock clock;

    public StatusWriter(ApiClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void serviceVip(String namespace, String name, String ip) {
        ObjectNode loadBalancer = Json.mapper().createObjectNode();
        loadBalancer.putArray("ingress").addObject().put("ip", ip);
        ArrayNode patch = replace("/status/loadBalancer", loadBalancer);
        CoreV1Api core = new CoreV1Api(client);
        call("Service " + namespace + "/" + name, () -> PatchUtils.patch(V1Service.class,
                () -> core.patchNamespacedServiceStatus(name, namespace, new V1Patch(patch.toString())).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_PATCH, client));
    }

    @Override
    public void ingressVips(String namespace, String name, List<String> ips) {
        ObjectNode loadBalancer = Json.mapper().createObjectNode();
        ArrayNode ingress = loadBalancer.putArray("ingress");
        ips.forEach(ip -> ingress.addObject().put("ip", ip));
        ArrayNode patch = replace("/status/loadBalancer", loadBalancer);
        NetworkingV1Api networking = new NetworkingV1Api(client);
        call("Ingress " + namespace + "/" + name, () -> PatchUtils.patch(V1Ingress.class,
                () -> networking.patchNamespacedIngressStatus(name, namespace, new V1Patch(patch.toString()))
                        .buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_PATCH, client));
    }

    /** Gateway status: the VIP as {@code IPAddress}, conditions and listener statuses (both API versions). */
    @Override
    public void gateway(String group, String version, String namespace, String name, String ip, long generation,
            List<GatewayCondition> conditions, List<ListenerState> listeners) {
        ObjectNode status = Json.mapper().createObjectNode();
        if (ip != null) {
            status.putArray("addresses").addObject().put("type", "IPAddress").put("value", ip);
        }
        String now = OffsetDateTime.now(clock).withNano(0).toString();
        conditions(status.putArray("conditions"), conditions, generation, now);
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
                conditions(o.putArray("conditions"), l.conditions(), generation, now);
            }
        }
        CustomObjectsApi custom = new CustomObjectsApi(client);
        ArrayNode patch = replace("/status", status);
        call("Gateway " + namespace + "/" + name, () -> PatchUtils.patch(Object.class,
                () -> custom.patchNamespacedCustomObjectStatus(group, version, namespace, "gateways", name,
                        new V1Patch(patch.toString())).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_PATCH, client));
    }

    /**
     * A JSON Patch (RFC 6902) that sets one member wholly: {@code add} replaces an existing member, so lists are
     * replaced, never merged, whatever the server's merge rules.
     */
    private static ArrayNode replace(String path, ObjectNode value) {
        ArrayNode patch = Json.mapper().createArrayNode();
        patch.addObject().put("op", "add").put("path", path).set("value", value);
        return patch;
    }

    private static void conditions(ArrayNode out, List<GatewayCondition> conditions, long generation, String now) {
        for (GatewayCondition c : conditions) {
            out.addObject().put("type", c.type()).put("status", c.status() ? "True" : "False")
                    .put("reason", c.reason()).put("message", c.message()).put("observedGeneration", generation)
                    .put("lastTransitionTime", now);
        }
    }

    /** A Warning Event on the object: why it cannot be realized (pool exhausted, controller refused). */
    @Override
    public void warning(String apiVersion, String kind, String namespace, String name, String reason, String message) {
        OffsetDateTime now = OffsetDateTime.now(clock).withNano(0);
        CoreV1Event event = new CoreV1Event().apiVersion("v1").kind("Event")
                .metadata(new V1ObjectMeta().name(name + "." + UUID.randomUUID().toString().substring(0, 8))
                        .namespace(namespace))
                .involvedObject(new V1ObjectReference().apiVersion(apiVersion).kind(kind).namespace(namespace).name(name))
                .type("Warning").reason(reason).message(message).firstTimestamp(now).lastTimestamp(now).count(1)
                .reportingComponent("gatewarden-applier").source(new io.kubernetes.client.openapi.models.V1EventSource()
                        .component("gatewarden-applier"));
        CoreV1Api core = new CoreV1Api(client);
        call("Event for " + kind + " " + namespace + "/" + name,
                () -> core.createNamespacedEvent(namespace, event).execute());
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
            throw new ApplierException("status write for " + what + " failed: HTTP " + e.getCode(), e);
        }
    }
}
