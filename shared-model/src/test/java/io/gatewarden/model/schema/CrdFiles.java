package io.gatewarden.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The upstream CRDs kept as reference data beside the project ({@code ../shared/reference/crds}), read into the
 * shape Gatewarden keeps: per version, the structural schema pruned to what decides field names and types.
 */
final class CrdFiles {

    /** The reference folder, seen from a module's directory (where Maven runs its tests). */
    static final Path ROOT = Path.of("..", "..", "shared", "reference", "crds");

    /** One CustomResourceDefinition: its file (relative to {@link #ROOT}), channel and pruned versions. */
    record Crd(String source, String channel, String group, String kind, String scope, List<Version> versions) {

        /** The resource file name Gatewarden keeps it under, relative to the schema folder. */
        String projectFile() {
            String name = Path.of(source).getFileName().toString().replace(".yaml", ".json");
            return channel + "/" + name;
        }
    }

    record Version(String name, boolean served, JsonNode schema) {
    }

    private CrdFiles() {
    }

    static boolean available() {
        return Files.isDirectory(ROOT);
    }

    static List<Crd> all() {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            List<Crd> out = new ArrayList<>();
            for (Path p : walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                out.addAll(read(p));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** standard / experimental for Gateway API files, else the vendor folder's name (ako). */
    static String channelOf(Path relative) {
        String s = relative.toString().replace('\\', '/');
        if (s.contains("/experimental/")) {
            return "experimental";
        }
        if (s.contains("/standard/")) {
            return "standard";
        }
        return relative.getName(0).toString();
    }

    private static List<Crd> read(Path file) throws IOException {
        Load load = new Load(LoadSettings.builder().setCodePointLimit(8 * 1024 * 1024).build());
        Path relative = ROOT.relativize(file);
        List<Crd> out = new ArrayList<>();
        for (Object doc : load.loadAllFromString(Files.readString(file))) {
            JsonNode d = Json.mapper().valueToTree(doc);
            if (d == null || !"CustomResourceDefinition".equals(d.path("kind").asText())) {
                continue; // e.g. the ValidatingAdmissionPolicy shipped beside the Gateway API CRDs
            }
            JsonNode spec = d.path("spec");
            List<Version> versions = new ArrayList<>();
            for (JsonNode v : spec.path("versions")) {
                versions.add(new Version(v.path("name").asText(), v.path("served").asBoolean(),
                        prune(v.path("schema").path("openAPIV3Schema"))));
            }
            out.add(new Crd(relative.toString().replace('\\', '/'), channelOf(relative), spec.path("group").asText(),
                    spec.path("names").path("kind").asText(), spec.path("scope").asText(), versions));
        }
        return out;
    }

    /** Keeps the keywords that decide which fields exist and what type they have; drops the rest. */
    static JsonNode prune(JsonNode s) {
        ObjectNode out = Json.mapper().createObjectNode();
        if (s.has("type")) {
            out.put("type", s.get("type").asText());
        }
        for (String flag : List.of("x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields")) {
            if (s.path(flag).asBoolean(false)) {
                out.put(flag, true);
            }
        }
        if (s.has("properties")) {
            ObjectNode props = out.putObject("properties");
            for (Map.Entry<String, JsonNode> e : s.get("properties").properties()) {
                props.set(e.getKey(), prune(e.getValue()));
            }
        }
        if (s.has("items")) {
            out.set("items", prune(s.get("items")));
        }
        JsonNode ap = s.get("additionalProperties");
        if (ap != null && ap.isObject()) {
            out.set("additionalProperties", prune(ap));
        } else if (ap != null && ap.asBoolean(false)) {
            out.put("additionalProperties", true);
        }
        return out;
    }
}
