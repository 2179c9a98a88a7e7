package io.gatewarden.kubeapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.gatewarden.kube.WatchedResource;
import io.gatewarden.model.manifest.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents ({@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/<group>/<version>}) for the
 * resources the local API server stores, so that kubectl can name them ({@code kubectl get svc,gateways,ingresses}).
 * The CRUD test server answers only object paths.
 */
final class Discovery {

    /** One served resource: REST name, kind, short names, whether namespaced. */
    record Resource(String group, String version, String plural, String kind, boolean namespaced, List<String> shortNames) {
    }

    static final List<Resource> RESOURCES = resources();

    private Discovery() {
    }

    private static List<Resource> resources() {
        List<Resource> out = new ArrayList<>(List.of(
                new Resource("", "v1", "services", "Service", true, List.of("svc")),
                new Resource("", "v1", "endpoints", "Endpoints", true, List.of("ep")),
                new Resource("", "v1", "nodes", "Node", false, List.of("no")),
                new Resource("", "v1", "namespaces", "Namespace", false, List.of("ns")),
                new Resource("", "v1", "events", "Event", true, List.of("ev")),
                new Resource("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true, List.of())));
        for (WatchedResource r : WatchedResource.ALL) {
            if (out.stream().noneMatch(o -> o.group().equals(r.group()) && o.version().equals(r.version())
                    && o.plural().equals(r.plural()))) {
                out.add(new Resource(r.group(), r.version(), r.plural(), r.kind(), r.namespaced(),
                        r.plural().equals("ingresses") ? List.of("ing") : List.of()));
            }
        }
        return out;
    }

    /** The discovery document for a GET of {@code path}, if it is one. */
    static Optional<MockResponse> answer(String method, String path) {
        if (!"GET".equals(method)) {
            return Optional.empty();
        }
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (p.equals("/api")) {
            ObjectNode versions = Json.mapper().createObjectNode().put("kind", "APIVersions");
            versions.putArray("versions").add("v1");
            versions.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                    .put("serverAddress", "127.0.0.1");
            return Optional.of(json(versions));
        }
        if (p.equals("/api/v1")) {
            return Optional.of(json(resourceList("", "v1")));
        }
        if (p.equals("/apis")) {
            return Optional.of(json(groupList()));
        }
        String[] parts = p.split("/");
        if (parts.length == 4 && parts[1].equals("apis")) {
            String group = parts[2];
            String version = parts[3];
            if (RESOURCES.stream().anyMatch(r -> r.group().equals(group) && r.version().equals(version))) {
                return Optional.of(json(resourceList(group, version)));
            }
        }
        return Optional.empty();
    }

    private static ObjectNode groupList() {
        Map<String, List<String>> versions = new LinkedHashMap<>();
        RESOURCES.stream().filter(r -> !r.group().isEmpty()).forEach(r -> {
            List<String> v = versions.computeIfAbsent(r.group(), g -> new ArrayList<>());
            if (!v.contains(r.version())) {
                v.add(r.version());
            }
        });
        ObjectNode list = Json.mapper().createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        versions.forEach((group, vs) -> {
            ObjectNode g = groups.addObject().put("name", group);
            ArrayNode gv = g.putArray("versions");
            vs.forEach(v -> gv.addObject().put("groupVersion", group + "/" + v).put("version", v));
            g.putObject("preferredVersion").put("groupVersion", group + "/" + vs.get(0)).put("version", vs.get(0));
        });
        return list;
    }

    private static ObjectNode resourceList(String group, String version) {
        ObjectNode list = Json.mapper().createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (Resource r : RESOURCES) {
            if (!r.group().equals(group) || !r.version().equals(version)) {
                continue;
            }
            ObjectNode o = resources.addObject().put("name", r.plural())
                    .put("singularName", r.kind().toLowerCase(java.util.Locale.ROOT)).put("namespaced", r.namespaced())
                    .put("kind", r.kind());
            ArrayNode verbs = o.putArray("verbs");
            List.of("create", "delete", "get", "list", "patch", "update", "watch").forEach(verbs::add);
            ArrayNode shorts = o.putArray("shortNames");
            r.shortNames().forEach(shorts::add);
            resources.addObject().put("name", r.plural() + "/status").put("singularName", "")
                    .put("namespaced", r.namespaced()).put("kind", r.kind()).putArray("verbs").add("get").add("patch")
                    .add("update");
        }
        return list;
    }

    private static MockResponse json(ObjectNode body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }
}
