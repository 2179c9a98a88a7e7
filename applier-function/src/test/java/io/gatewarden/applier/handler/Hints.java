package io.gatewarden.applier.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.manifest.KindRegistry;
import java.time.Instant;
import java.util.UUID;

/** Keys-only ChangeEvents, as the webhook publishes them, for an object given as JSON. */
final class Hints {

    private Hints() {
    }

    static ChangeEvent of(String cluster, ChangeEvent.Operation op, JsonNode o) {
        String apiVersion = o.path("apiVersion").asText();
        JsonNode ns = o.path("metadata").path("namespace");
        return new ChangeEvent(ChangeEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), cluster, op,
                KindRegistry.group(apiVersion), KindRegistry.version(apiVersion), o.path("kind").asText(),
                ns.isTextual() ? ns.asText() : null, o.path("metadata").path("name").asText(), "", "", null,
                Instant.now().toString());
    }
}
