package io.gatewarden.model.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.model.manifest.KindRegistry;
import io.gatewarden.model.manifest.StructuralSchemas;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CRD walk: every field path of every upstream CRD in the reference folder must be in Gatewarden's schema,
 * and Gatewarden must know no path the CRD lacks, both in its schema files and in the records the rules read.
 * Runs where the reference folder is beside the project (CI has it).
 *
 * <p>To regenerate the schema files after the reference CRDs change:
 * {@code ./mvnw -q -pl shared-model test -Dtest=CrdSchemaTest -Dgatewarden.schema.write=true}, then review the diff.
 */
class CrdSchemaTest {

    private static final Path PROJECT_SCHEMAS = Path.of("src", "main", "resources", "io", "gatewarden", "model", "schema");

    @BeforeAll
    static void regenerateWhenAsked() throws Exception {
        assumeTrue(CrdFiles.available(), "reference CRDs not beside the project");
        if (!Boolean.getBoolean("gatewarden.schema.write")) {
            return;
        }
        ArrayNode index = Json.mapper().createArrayNode();
        for (CrdFiles.Crd crd : CrdFiles.all()) {
            ObjectNode file = Json.mapper().createObjectNode();
            file.put("source", crd.source());
            file.put("group", crd.group());
            file.put("kind", crd.kind());
            file.put("scope", crd.scope());
            ArrayNode versions = file.putArray("versions");
            ObjectNode row = index.addObject();
            row.put("channel", crd.channel());
            row.put("file", crd.projectFile());
            row.put("group", crd.group());
            row.put("kind", crd.kind());
            row.put("scope", crd.scope());
            ArrayNode served = row.putArray("served");
            for (CrdFiles.Version v : crd.versions()) {
                versions.addObject().put("name", v.name()).put("served", v.served()).set("schema", v.schema());
                if (v.served()) {
                    served.add(v.name());
                }
            }
            Path target = PROJECT_SCHEMAS.resolve(crd.projectFile());
            Files.createDirectories(target.getParent());
            Files.writeString(target, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(file) + "\n");
        }
        Files.writeString(PROJECT_SCHEMAS.resolve("index.json"),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(index) + "\n");
    }

    @Test
    void everyCrdPath_isInGatewardensSchema_andNothingMore() throws Exception {
        List<String> problems = new ArrayList<>();
        for (CrdFiles.Crd crd : CrdFiles.all()) {
            JsonNode mine = projectFile(crd.projectFile());
            if (mine == null) {
                problems.add(crd.source() + ": Gatewarden keeps no schema for it (" + crd.projectFile() + ")");
                continue;
            }
            for (CrdFiles.Version v : crd.versions()) {
                Optional<JsonNode> ours = versionOf(mine, v.name());
                if (ours.isEmpty()) {
                    problems.add(crd.source() + " " + v.name() + ": version missing from Gatewarden's schema");
                    continue;
                }
                compare(crd.source() + " " + crd.kind() + " " + v.name(), SchemaPaths.ofSchema(v.schema()),
                        SchemaPaths.ofSchema(ours.get()), problems);
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void everyServedCrdVersion_resolvesThroughTheLoader_toItsChannelsSchema() {
        List<String> problems = new ArrayList<>();
        for (CrdFiles.Crd crd : CrdFiles.all()) {
            for (CrdFiles.Version v : crd.versions()) {
                if (!v.served()) {
                    continue;
                }
                String apiVersion = crd.group() + "/" + v.name();
                Optional<JsonNode> loaded = StructuralSchemas.of(apiVersion, crd.kind());
                if (loaded.isEmpty()) {
                    problems.add(apiVersion + " " + crd.kind() + ": no schema");
                }
            }
        }
        assertEquals(List.of(), problems);
        // Standard wins where both channels serve a version; v1alpha2 L4 routes only the experimental channel serves.
        assertTrue(StructuralSchemas.entries().stream().anyMatch(e -> e.channel().equals("experimental")));
        assertTrue(StructuralSchemas.of("gateway.networking.k8s.io/v1alpha2", "TCPRoute").isPresent());
    }

    @Test
    void everyRecordPath_existsInTheCrd_withACompatibleType() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (KindRegistry.Entry e : KindRegistry.entries()) {
            Optional<JsonNode> schema = StructuralSchemas.of(e.apiVersion(), e.kind());
            if (schema.isEmpty()) {
                continue; // a core kind: its record is its schema
            }
            checked++;
            Map<String, String> crd = SchemaPaths.ofSchema(schema.get());
            SchemaPaths.ofRecord(e.type()).forEach((path, type) -> {
                String theirs = crd.get(path);
                if (theirs == null) {
                    problems.add(e.apiVersion() + " " + e.kind() + " " + path + ": the record knows it, the CRD does not");
                } else if (!SchemaPaths.compatible(type, theirs)) {
                    problems.add(e.apiVersion() + " " + e.kind() + " " + path + ": record " + type + ", CRD " + theirs);
                }
            });
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
        assertTrue(checked >= 10, "records checked against CRDs: " + checked);
    }

    private static void compare(String what, Map<String, String> crd, Map<String, String> mine, List<String> out) {
        crd.forEach((path, type) -> {
            String ours = mine.get(path);
            if (ours == null) {
                out.add(what + " " + path + ": in the CRD, missing from Gatewarden's schema");
            } else if (!ours.equals(type)) {
                out.add(what + " " + path + ": CRD type " + type + ", Gatewarden's " + ours);
            }
        });
        mine.keySet().stream().filter(p -> !crd.containsKey(p))
                .forEach(p -> out.add(what + " " + p + ": Gatewarden knows it, the CRD does not"));
    }

    private static Optional<JsonNode> versionOf(JsonNode file, String name) {
        for (JsonNode v : file.path("versions")) {
            if (v.path("name").asText().equals(name)) {
                return Optional.of(v.path("schema"));
            }
        }
        return Optional.empty();
    }

    private static JsonNode projectFile(String file) throws Exception {
        try (InputStream in = StructuralSchemas.class.getResourceAsStream("/io/gatewarden/model/schema/" + file)) {
            return in == null ? null : Json.mapper().readTree(in);
        }
    }
}
