package io.gatewarden.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a running local stack listens; {@code up} writes it to {@code <data>/stack.json} so that {@code demo}
 * (another process) finds the stack. Loopback only.
 *
 * @param management the webhook's plain-HTTP management port: health, readiness and /prometheus
 * @param cluster the cluster name events carry and load-balancer names start with
 * @param kubernetes the stack's Kubernetes API (what the demo stores admitted objects in, what the applier reads)
 * @param kubeconfig a kubeconfig for it, for kubectl
 */
public record StackEndpoints(URI webhook, URI management, Path caCertificate, URI sqs, String queueUrl, String deadLetterQueueUrl,
        URI dynamodb, String table, URI avi, URI loxilb, String cluster, URI kubernetes, Path kubeconfig) {

    public static final String FILE = "stack.json";

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(FILE), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                Json.mapper().createObjectNode().put("webhook", webhook.toString()).put("management", management.toString())
                        .put("caCertificate", caCertificate.toAbsolutePath().toString())
                        .put("sqs", sqs.toString()).put("queueUrl", queueUrl)
                        .put("deadLetterQueueUrl", deadLetterQueueUrl).put("dynamodb", dynamodb.toString())
                        .put("table", table).put("avi", avi.toString()).put("loxilb", loxilb.toString())
                        .put("cluster", cluster).put("kubernetes", kubernetes.toString())
                        .put("kubeconfig", kubeconfig.toAbsolutePath().toString())));
    }

    /** The endpoints of a stack started with this data folder, if its file is there. */
    public static Optional<StackEndpoints> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode j = Json.mapper().readTree(file.toFile());
            return Optional.of(new StackEndpoints(URI.create(j.path("webhook").asText()), URI.create(j.path("management").asText()),
                    Path.of(j.path("caCertificate").asText()), URI.create(j.path("sqs").asText()),
                    j.path("queueUrl").asText(), j.path("deadLetterQueueUrl").asText(),
                    URI.create(j.path("dynamodb").asText()), j.path("table").asText(),
                    URI.create(j.path("avi").asText()), URI.create(j.path("loxilb").asText()),
                    j.path("cluster").asText(), URI.create(j.path("kubernetes").asText()),
                    Path.of(j.path("kubeconfig").asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
