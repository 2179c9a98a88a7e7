package io.gatewarden.local.bench;

import io.gatewarden.model.lb.Conventions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.manifest.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The applier benchmark's objects: one AviInfraSetting of a shard size with its IngressClass, then N Ingresses on
 * it, each with one host of its own (so SMALL puts all N on one shard, LARGE spreads them over eight).
 */
public record IngressBurst(String shardSize, int count) {

    /** The infra setting and the IngressClass, admitted first. */
    public List<JsonNode> setting() {
        String name = name();
        ObjectNode setting = object("ako.vmware.com/v1beta1", "AviInfraSetting", null, name);
        ObjectNode spec = setting.putObject("spec");
        spec.putObject("network").putArray("vipNetworks").addObject().put("networkName", "vip-l7-small")
                .put("cidr", "10.60.0.0/24");
        spec.putObject("l7Settings").put("shardSize", shardSize);
        ObjectNode cls = object("networking.k8s.io/v1", "IngressClass", null, name);
        cls.putObject("spec").put("controller", Conventions.AVI_CONTROLLER).putObject("parameters")
                .put("apiGroup", Conventions.AKO_GROUP).put("kind", Conventions.AVI_INFRA_SETTING).put("name", name);
        return List.of(setting, cls);
    }

    public List<JsonNode> ingresses() {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode ing = object("networking.k8s.io/v1", "Ingress", "bench", "app-" + i);
            ObjectNode spec = ing.putObject("spec").put("ingressClassName", name());
            ObjectNode path = spec.putArray("rules").addObject().put("host", "app-" + i + ".bench.example")
                    .putObject("http").putArray("paths").addObject().put("path", "/").put("pathType", "Prefix");
            path.putObject("backend").putObject("service").put("name", "app").putObject("port").put("number", 80);
            out.add(ing);
        }
        return out;
    }

    public String name() {
        return "bench-" + shardSize.toLowerCase(java.util.Locale.ROOT);
    }

    private static ObjectNode object(String apiVersion, String kind, String namespace, String name) {
        ObjectNode o = Json.mapper().createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = o.putObject("metadata").put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        return o;
    }
}
