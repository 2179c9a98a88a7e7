package io.gatewarden.applier.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What of an object the applier acts on, as a digest: everything but its status and the metadata the API server
 * keeps (resourceVersion, managedFields, timestamps). Labels and annotations count: they join Services to
 * Gateways and name infra settings. The applier's own status writes change the resourceVersion, not this, so a
 * hint about an object whose digest was handled already is recognized as changing nothing.
 */
public final class ObjectDigest {

    private ObjectDigest() {
    }

    public static String of(KubernetesObject o) {
        ObjectNode tree = Json.mapper().valueToTree(o);
        tree.remove("status");
        JsonNode meta = tree.path("metadata");
        ObjectNode kept = Json.mapper().createObjectNode();
        for (String field : new String[] {"name", "namespace", "uid", "labels", "annotations", "deletionTimestamp"}) {
            if (meta.has(field)) {
                kept.set(field, meta.get(field));
            }
        }
        tree.set("metadata", kept);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    Json.mapper().writeValueAsString(tree).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
