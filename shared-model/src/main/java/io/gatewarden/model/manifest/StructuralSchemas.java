package io.gatewarden.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The structural schemas of the custom resources Gatewarden knows (Gateway API, AKO), kept in this module as
 * resources under {@code io/gatewarden/model/schema/}: one file per upstream CRD, holding for each version only
 * what decides which fields exist and their types ({@code type}, {@code properties}, {@code items},
 * {@code additionalProperties}, {@code x-kubernetes-int-or-string}, {@code x-kubernetes-preserve-unknown-fields}).
 * The files are derived from the upstream CRDs and {@code CrdSchemaTest} fails when they drift apart.
 *
 * <p>Where two channels serve one apiVersion (Gateway API standard and experimental), the standard channel's
 * schema is the one checked: that is what a cluster installs by default. A version only the experimental channel
 * serves (TCPRoute/UDPRoute v1alpha2, which kube-loxilb watches) is checked against the experimental file.
 */
public final class StructuralSchemas {

    private static final String ROOT = "/io/gatewarden/model/schema/";
    /** Lookup order when several files serve one apiVersion. */
    private static final List<String> CHANNELS = List.of("standard", "ako", "experimental");

    /** One index row: a served version of a kind and the file that holds its schema. */
    public record Entry(String channel, String file, String group, String kind, String scope, List<String> served) {
    }

    private static volatile Map<String, Entry> index;
    private static final Map<String, JsonNode> FILES = new ConcurrentHashMap<>();

    private StructuralSchemas() {
    }

    /** Every file of the index, in index order. */
    public static List<Entry> entries() {
        return readIndex();
    }

    /** The openAPIV3Schema (pruned) of this apiVersion and kind, or empty when no CRD Gatewarden knows serves it. */
    public static Optional<JsonNode> of(String apiVersion, String kind) {
        Entry entry = index().get(KindRegistry.group(apiVersion) + "|" + KindRegistry.version(apiVersion) + "|" + kind);
        if (entry == null) {
            return Optional.empty();
        }
        JsonNode file = FILES.computeIfAbsent(entry.file(), StructuralSchemas::read);
        for (JsonNode v : file.path("versions")) {
            if (v.path("name").asText().equals(KindRegistry.version(apiVersion))) {
                return Optional.of(v.path("schema"));
            }
        }
        return Optional.empty();
    }

    /** True when the kind of this apiVersion is cluster-scoped according to its CRD. */
    public static boolean clusterScoped(String apiVersion, String kind) {
        Entry e = index().get(KindRegistry.group(apiVersion) + "|" + KindRegistry.version(apiVersion) + "|" + kind);
        return e != null && "Cluster".equals(e.scope());
    }

    private static Map<String, Entry> index() {
        Map<String, Entry> i = index;
        if (i == null) {
            Map<String, Entry> built = new HashMap<>();
            for (String channel : CHANNELS) {
                for (Entry e : readIndex()) {
                    if (e.channel().equals(channel)) {
                        e.served().forEach(v -> built.putIfAbsent(e.group() + "|" + v + "|" + e.kind(), e));
                    }
                }
            }
            index = i = built;
        }
        return i;
    }

    private static List<Entry> readIndex() {
        try (InputStream in = StructuralSchemas.class.getResourceAsStream(ROOT + "index.json")) {
            if (in == null) {
                throw new IllegalStateException("schema index missing from the classpath: " + ROOT + "index.json");
            }
            // read as a tree: binding records would initialize Jackson's databind machinery on check's start-up path
            List<Entry> entries = new java.util.ArrayList<>();
            for (JsonNode e : Json.mapper().readTree(in)) {
                List<String> served = new java.util.ArrayList<>();
                e.path("served").forEach(v -> served.add(v.asText()));
                entries.add(new Entry(e.path("channel").asText(), e.path("file").asText(), e.path("group").asText(),
                        e.path("kind").asText(), e.path("scope").asText(), List.copyOf(served)));
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String file) {
        try (InputStream in = StructuralSchemas.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("schema file missing from the classpath: " + ROOT + file);
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
