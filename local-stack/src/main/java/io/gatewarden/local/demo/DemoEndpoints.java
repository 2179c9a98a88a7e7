package io.gatewarden.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.manifest.Json;
import java.util.List;
import java.util.Optional;

/**
 * The EndpointSlice a cluster's endpoint controller would keep for a demo Service: the stack has no controller and
 * no pods, so the demo stores one beside every Service it stores, with ready endpoints on loopback addresses (which
 * nothing listens on; only the load balancers' emulators see them) and a port per Service port, named as the
 * Service port and numbered as its numeric targetPort (else its port), as the applier's CLUSTER_IP members read them.
 */
public final class DemoEndpoints {

    /** The pod addresses every demo Service is given. */
    public static final List<String> ADDRESSES = List.of("127.0.10.1", "127.0.10.2");

    private DemoEndpoints() {
    }

    /** The slice for a Service with a selector and ports; empty otherwise (a selector-less Service has its own). */
    public static Optional<JsonNode> sliceFor(JsonNode service) {
        JsonNode spec = service.path("spec");
        if (!"Service".equals(service.path("kind").asText()) || !spec.path("selector").isObject()
                || !spec.path("ports").isArray() || spec.path("ports").isEmpty()) {
            return Optional.empty();
        }
        String name = service.path("metadata").path("name").asText();
        ObjectNode slice = Json.mapper().createObjectNode().put("apiVersion", "discovery.k8s.io/v1")
                .put("kind", "EndpointSlice").put("addressType", "IPv4");
        ObjectNode meta = slice.putObject("metadata").put("name", name + "-demo")
                .put("namespace", service.path("metadata").path("namespace").asText("default"));
        meta.putObject("labels").put("kubernetes.io/service-name", name)
                .put("endpointslice.kubernetes.io/managed-by", "gatewarden-demo");
        ArrayNode endpoints = slice.putArray("endpoints");
        ADDRESSES.forEach(a -> {
            ObjectNode e = endpoints.addObject();
            e.putArray("addresses").add(a);
            e.putObject("conditions").put("ready", true);
        });
        ArrayNode ports = slice.putArray("ports");
        for (JsonNode p : spec.path("ports")) {
            ObjectNode port = ports.addObject();
            if (p.hasNonNull("name")) {
                port.put("name", p.path("name").asText());
            }
            port.put("protocol", p.path("protocol").asText("TCP"));
            port.put("port", p.path("targetPort").isInt() ? p.path("targetPort").asInt() : p.path("port").asInt());
        }
        return Optional.of(slice);
    }
}
