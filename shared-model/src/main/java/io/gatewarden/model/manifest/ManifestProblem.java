package io.gatewarden.model.manifest;

import io.gatewarden.model.validation.FieldError;

/**
 * Something wrong with how a manifest is written: syntax, duplicate keys, unknown fields, wrong types,
 * missing apiVersion / kind / metadata.name.
 *
 * @param source     file name
 * @param line       1-based line, 0 when unknown
 * @param apiVersion the object's apiVersion when known, else ""
 * @param kind       the object's kind when known, else ""
 * @param namespace  the object's namespace when known, else null
 * @param name       the object's name when known, else ""
 * @param error      what is wrong, with its field path
 */
public record ManifestProblem(String source, int line, String apiVersion, String kind, String namespace, String name,
        FieldError error) {

    @Override
    public String toString() {
        return source + ":" + line + ": " + error;
    }
}
