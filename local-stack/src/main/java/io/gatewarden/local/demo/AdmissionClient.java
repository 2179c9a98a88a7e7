package io.gatewarden.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.webhook.tls.SelfSignedCa;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Sends objects through the webhook as the API server would: an AdmissionReview v1 to {@code /mutate}, the
 * returned JSON Patch applied, then the mutated object to {@code /validate}. HTTPS, trusting only the stack's CA.
 */
public final class AdmissionClient {

    /** What the webhook said of one object. */
    public record Verdict(boolean allowed, String message, List<String> warnings, JsonNode stored,
            List<String> patchedPaths) {
    }

    private final HttpClient http;
    private final URI webhook;

    public AdmissionClient(URI webhook, Path caCertificate) throws GeneralSecurityException, IOException {
        this.webhook = webhook;
        this.http = HttpClient.newBuilder().sslContext(SelfSignedCa.trusting(caCertificate))
                .connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** Whether the webhook answers its readiness probe on its management port. */
    public boolean ready(URI management) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(management.resolve("/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public Verdict create(JsonNode object) throws IOException, InterruptedException {
        return admit(object, null);
    }

    /**
     * Mutate, then validate, as the API server does for a create ({@code existing} null) or an update of
     * {@code existing} (the object then carries its resourceVersion, as a client's update does).
     */
    public Verdict admit(JsonNode object, JsonNode existing) throws IOException, InterruptedException {
        if (existing != null) {
            object = object.deepCopy();
            ((ObjectNode) object.path("metadata")).put("resourceVersion", existing.path("metadata")
                    .path("resourceVersion").asText());
        }
        JsonNode mutation = send("/mutate", review(object, existing)).path("response");
        JsonNode stored = object.deepCopy();
        List<String> patched = new ArrayList<>();
        if (mutation.path("patch").isTextual()) {
            JsonNode patch = Json.mapper().readTree(Base64.getDecoder().decode(mutation.path("patch").asText()));
            stored = JsonPatch.apply(patch, stored);
            patch.forEach(op -> patched.add(op.path("path").asText()));
        }
        JsonNode validation = send("/validate", review(stored, existing)).path("response");
        List<String> warnings = new ArrayList<>();
        mutation.path("warnings").forEach(w -> warnings.add(w.asText()));
        validation.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new Verdict(validation.path("allowed").asBoolean(), validation.path("status").path("message")
                .asText(null), warnings, stored, patched);
    }

    /**
     * One review straight to {@code /validate}, as anyone who can reach the webhook may send it (nothing is stored
     * anywhere): whether it was allowed.
     */
    public JsonNode validateOnly(String operation, JsonNode object, JsonNode oldObject)
            throws IOException, InterruptedException {
        ObjectNode review = review(object != null ? object : oldObject);
        ObjectNode req = (ObjectNode) review.path("request");
        req.put("operation", operation);
        req.set("object", object == null ? Json.mapper().nullNode() : object);
        req.set("oldObject", oldObject == null ? Json.mapper().nullNode() : oldObject);
        return send("/validate", review).path("response");
    }

    private JsonNode send(String path, ObjectNode review) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(webhook.resolve(path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(review.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("webhook " + path + " answered HTTP " + r.statusCode() + ": " + r.body());
        }
        return Json.mapper().readTree(r.body());
    }

    /** A CREATE, or with {@code existing} an UPDATE, AdmissionReview v1, shaped as the API server sends it. */
    static ObjectNode review(JsonNode object, JsonNode existing) {
        ObjectNode review = review(object);
        if (existing != null) {
            ((ObjectNode) review.path("request")).put("operation", "UPDATE").set("oldObject", existing);
        }
        return review;
    }

    /** A CREATE AdmissionReview v1 for {@code object}, shaped as the API server sends it. */
    static ObjectNode review(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String kind = object.path("kind").asText();
        String plural = kind.toLowerCase(Locale.ROOT) + (kind.endsWith("s") ? "es" : "s");
        ObjectNode review = Json.mapper().createObjectNode().put("apiVersion", "admission.k8s.io/v1")
                .put("kind", "AdmissionReview");
        ObjectNode req = review.putObject("request").put("uid", UUID.randomUUID().toString());
        req.putObject("kind").put("group", group).put("version", version).put("kind", kind);
        req.putObject("resource").put("group", group).put("version", version).put("resource", plural);
        req.put("name", object.path("metadata").path("name").asText());
        if (object.path("metadata").has("namespace")) {
            req.put("namespace", object.path("metadata").path("namespace").asText());
        }
        req.put("operation", "CREATE");
        req.putObject("userInfo").put("username", "gatewarden-demo");
        req.set("object", object);
        req.putNull("oldObject");
        req.put("dryRun", false);
        return review;
    }
}
