package io.gatewarden.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.k8s.KubernetesObject;
import java.io.IOException;
import java.util.Optional;

/** Binds an API object (as the API server or an AdmissionReview gives it) to the record of its kind. */
public final class ObjectBinding {

    private ObjectBinding() {
    }

    /** The typed record, or empty for kinds without a record and for shapes that cannot be read. */
    public static Optional<KubernetesObject> bind(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        return KindRegistry.typeOf(node.path("apiVersion").asText(), node.path("kind").asText()).flatMap(type -> {
            try {
                return Optional.of(Json.mapper().treeToValue(node, type));
            } catch (IOException | IllegalArgumentException e) {
                // The API server validated the object already; a shape we cannot read is not the user's fault.
                return Optional.empty();
            }
        });
    }
}
