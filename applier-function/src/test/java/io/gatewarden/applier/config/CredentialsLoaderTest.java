package io.gatewarden.applier.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.lbclient.Credentials;
import io.gatewarden.model.manifest.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Controller credentials from Secrets Manager — the AWS SDK against a loopback server that answers
 * {@code secretsmanager.GetSecretValue} in the service's JSON protocol — or from the environment.
 */
class CredentialsLoaderTest {

    static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gatewarden/avi-AbCdEf";
    static final String PASSWORD = "s3cr3t-Pa55";

    HttpServer server;
    final Map<String, String> secrets = new java.util.HashMap<>();
    final List<String> requestedIds = new ArrayList<>();
    SecretsManagerClient client;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                JsonNode body = Json.mapper().readTree(ex.getRequestBody());
                String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
                String id = body.path("SecretId").asText();
                requestedIds.add(id);
                String value = secrets.get(id);
                boolean found = "secretsmanager.GetSecretValue".equals(target) && value != null;
                String reply = found
                        ? Json.mapper().createObjectNode().put("ARN", id).put("Name", "gatewarden/avi")
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
        client = SecretsManagerClient.builder().region(Region.EU_WEST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    static AviConfiguration avi(String arn) {
        AviConfiguration c = new AviConfiguration();
        c.setSecretArn(arn);
        return c;
    }

    @Test
    void aSecretArn_isReadFromSecretsManager() {
        secrets.put(ARN, "{\"username\":\"gatewarden\",\"password\":\"" + PASSWORD + "\"}");
        Credentials c = new CredentialsLoader(() -> client, env(Map.of())).load(avi(ARN)).orElseThrow();
        assertEquals(new Credentials("gatewarden", PASSWORD), c);
        assertEquals(List.of(ARN), requestedIds);
        assertFalse(c.toString().contains(PASSWORD), "a logged Credentials shows no password");
    }

    @Test
    void aMissingSecret_namesTheArn_notAValue() {
        ApplierException e = assertThrows(ApplierException.class,
                () -> new CredentialsLoader(() -> client, env(Map.of())).load(avi(ARN)));
        assertEquals("cannot read controller credentials from secret " + ARN + ": ResourceNotFoundException",
                e.getMessage());
    }

    @Test
    void aSecretThatIsNotTheExpectedJson_isRefused_withoutEchoingIt() {
        secrets.put(ARN, PASSWORD);
        ApplierException e = assertThrows(ApplierException.class,
                () -> new CredentialsLoader(() -> client, env(Map.of())).load(avi(ARN)));
        assertEquals("secret " + ARN + " must be JSON with string fields username and password", e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void withoutAnArn_theEnvironmentIsUsed_andSecretsManagerIsNotCalled() {
        CredentialsLoader loader = new CredentialsLoader(() -> {
            throw new AssertionError("Secrets Manager must not be contacted");
        }, env(Map.of("GATEWARDEN_AVI_USERNAME", "admin", "GATEWARDEN_AVI_PASSWORD", PASSWORD)));
        assertEquals(Optional.of(new Credentials("admin", PASSWORD)), loader.load(avi(null)));
        assertTrue(new CredentialsLoader(() -> client, env(Map.of())).load(new LoxiLbConfiguration()).isEmpty(),
                "loxilb without credentials runs without login");
        ApplierException half = assertThrows(ApplierException.class, () -> new CredentialsLoader(() -> client,
                env(Map.of("GATEWARDEN_AVI_USERNAME", "admin"))).load(avi(null)));
        assertEquals("GATEWARDEN_AVI_USERNAME is set but GATEWARDEN_AVI_PASSWORD is not", half.getMessage());
    }

    static java.util.function.Function<String, String> env(Map<String, String> vars) {
        return vars::get;
    }
}
