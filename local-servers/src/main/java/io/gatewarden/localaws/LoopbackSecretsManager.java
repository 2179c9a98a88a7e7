package io.gatewarden.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Secrets Manager's {@code GetSecretValue} on 127.0.0.1, in the service's JSON protocol (target header
 * {@code secretsmanager.GetSecretValue}, {@code ResourceNotFoundException} for an unknown id), for the AWS SDK in
 * tests: the real client, its serialization and its error mapping run; only the service is local.
 */
public final class LoopbackSecretsManager implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();

    public LoopbackSecretsManager() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                JsonNode body = Json.mapper().readTree(ex.getRequestBody());
                String id = body.path("SecretId").asText();
                asked.add(id);
                String value = secrets.get(id);
                boolean found = "secretsmanager.GetSecretValue".equals(ex.getRequestHeaders().getFirst("X-Amz-Target"))
                        && value != null;
                String reply = found
                        ? Json.mapper().createObjectNode().put("ARN", id).put("Name", id.replaceAll(".*:secret:", ""))
                                .put("SecretString", value).put("VersionId", "v1").toString()
                        : Json.mapper().createObjectNode().put("__type", "ResourceNotFoundException")
                                .put("message", "Secrets Manager can't find the specified secret.").toString();
                byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                ex.sendResponseHeaders(found ? 200 : 400, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        });
        server.start();
    }

    /** Stores (or replaces) a secret's string. */
    public void put(String id, String value) {
        secrets.put(id, value);
    }

    /** Every secret id asked for, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
