package io.gatewarden.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.k8s.KubernetesObject;

/**
 * One object read from a manifest.
 *
 * @param source file name (or "-" for stdin, or a label)
 * @param line   1-based line where the object starts, 0 when unknown
 * @param raw    the object as written (a JSON tree)
 * @param typed  the typed record, or null for kinds Gatewarden does not model
 * @param lines  where each field starts
 */
public record ManifestObject(String source, int line, JsonNode raw, KubernetesObject typed, LineIndex lines) {

    public String apiVersion() {
        return text("apiVersion");
    }

    public String kind() {
        return text("kind");
    }

    public String name() {
        JsonNode n = raw.path("metadata").path("name");
        return n.isTextual() ? n.asText() : "";
    }

    /** metadata.namespace as written, or null. */
    public String namespace() {
        JsonNode n = raw.path("metadata").path("namespace");
        return n.isTextual() ? n.asText() : null;
    }

    private String text(String field) {
        JsonNode n = raw.path(field);
        return n.isTextual() ? n.asText() : "";
    }
}
