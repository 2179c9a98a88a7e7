package io.gatewarden.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Server-side printing, as the API server does it for {@code kubectl get} (a {@code meta.k8s.io/v1} Table), for the
 * kinds whose VIP the applier writes: Services (type, external IP, ports), Ingresses (class, hosts, address) and
 * Gateways (class, address). Other kinds, and clients that do not ask for a Table, get the plain list.
 */
final class TablePrinter {

    private TablePrinter() {
    }

    /** Whether a request asks for a Table of a list this printer knows. */
    static boolean wanted(String method, String path, String accept) {
        return "GET".equals(method) && accept != null && accept.contains("as=Table") && kind(path).isPresent();
    }

    /** The Table for a list answer in JSON. */
    static String table(String path, String listJson) throws IOException {
        String kind = kind(path).orElseThrow();
        ObjectNode table = Json.mapper().createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata");
        ArrayNode columns = table.putArray("columnDefinitions");
        List<String> names = switch (kind) {
            case "services" -> List.of("Name", "Type", "External-IP", "Port(s)");
            case "ingresses" -> List.of("Name", "Class", "Hosts", "Address");
            default -> List.of("Name", "Class", "Address");
        };
        names.forEach(n -> columns.addObject().put("name", n).put("type", "string")
                .put("format", n.equals("Name") ? "name" : ""));
        ArrayNode rows = table.putArray("rows");
        for (JsonNode item : Json.mapper().readTree(listJson).path("items")) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(item.path("metadata").path("name").asText());
            switch (kind) {
                case "services" -> {
                    cells.add(item.path("spec").path("type").asText("ClusterIP"));
                    cells.add(orNone(join(item.path("status").path("loadBalancer").path("ingress"), "ip")));
                    List<String> ports = new ArrayList<>();
                    item.path("spec").path("ports").forEach(p -> ports.add(p.path("port").asText() + "/"
                            + p.path("protocol").asText("TCP")));
                    cells.add(orNone(String.join(",", ports)));
                }
                case "ingresses" -> {
                    cells.add(orNone(item.path("spec").path("ingressClassName").asText("")));
                    List<String> hosts = new ArrayList<>();
                    item.path("spec").path("rules").forEach(r -> hosts.add(r.path("host").asText("*")));
                    cells.add(orNone(String.join(",", hosts)));
                    cells.add(orNone(join(item.path("status").path("loadBalancer").path("ingress"), "ip")));
                }
                default -> {
                    cells.add(orNone(item.path("spec").path("gatewayClassName").asText("")));
                    cells.add(orNone(join(item.path("status").path("addresses"), "value")));
                }
            }
            ObjectNode object = row.putObject("object").put("kind", "PartialObjectMetadata")
                    .put("apiVersion", "meta.k8s.io/v1");
            object.set("metadata", item.path("metadata"));
        }
        return table.toString();
    }

    private static Optional<String> kind(String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String last = p.substring(p.lastIndexOf('/') + 1);
        return List.of("services", "ingresses", "gateways").contains(last) ? Optional.of(last) : Optional.empty();
    }

    private static String join(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(a -> out.add(a.path(field).asText()));
        return String.join(",", out);
    }

    private static String orNone(String s) {
        return s == null || s.isEmpty() ? "<none>" : s;
    }
}
