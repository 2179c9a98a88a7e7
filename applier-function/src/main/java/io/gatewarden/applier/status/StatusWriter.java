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
import io.kubernetes.client.openapi.models.CoreV1Event;
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
 * {@code kubectl get svc} shows the VIP and {@code kubectl describe} says why not. Merge patches on the status
 * subresource: they touch only the fields written here.
 */
public class StatusWriter {

    /** A Gateway condition to publish. */
    public record GatewayCondition(String type, boolean status, String reason, String message) {
    }

    private final ApiClient client;
    private final Clock clock;

    public StatusWriter(ApiClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void serviceVip(String namespace, String name, String ip) {
        ObjectNode patch = Json.mapper().createObjectNode();
        patch.putObject("status").putObject("loadBalancer").putArray("ingress").addObject().put("ip", ip);
        CoreV1Api core = new CoreV1Api(client);
        call("Service " + namespace + "/" + name, () -> PatchUtils.patch(V1Service.class,
                () -> core.patchNamespacedServiceStatus(name, namespace, new V1Patch(patch.toString())).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client));
    }

    /** Gateway status: the VIP as {@code IPAddress} and the given conditions (both Gateway API versions). */
    public void gateway(String group, String version, String namespace, String name, String ip, long generation,
            List<GatewayCondition> conditions) {
        ObjectNode patch = Json.mapper().createObjectNode();
        ObjectNode status = patch.putObject("status");
        if (ip != null) {
            status.putArray("addresses").addObject().put("type", "IPAddress").put("value", ip);
        }
        ArrayNode conds = status.putArray("conditions");
        String now = OffsetDateTime.now(clock).withNano(0).toString();
        for (GatewayCondition c : conditions) {
            conds.addObject().put("type", c.type()).put("status", c.status() ? "True" : "False")
                    .put("reason", c.reason()).put("message", c.message()).put("observedGeneration", generation)
                    .put("lastTransitionTime", now);
        }
        CustomObjectsApi custom = new CustomObjectsApi(client);
        call("Gateway " + namespace + "/" + name, () -> PatchUtils.patch(Object.class,
                () -> custom.patchNamespacedCustomObjectStatus(group, version, namespace, "gateways", name,
                        new V1Patch(patch.toString())).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client));
    }

    /** A Warning Event on the object: why it cannot be realized (pool exhausted, controller refused). */
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
