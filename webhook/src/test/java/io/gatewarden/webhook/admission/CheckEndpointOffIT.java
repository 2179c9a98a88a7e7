package io.gatewarden.webhook.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /check is off unless configured: the admission port does not expose the manifest reader by default. */
class CheckEndpointOffIT {

    @TempDir
    Path tmp;

    @Test
    void checkEndpoint_is404_byDefault_whileAdmissionAnswers() throws Exception {
        try (WebhookServer server = new WebhookServer(tmp.resolve("tls"), Map.of())) {
            assertEquals(404, server.post("/check", "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n"
                    .getBytes(StandardCharsets.UTF_8)).statusCode());
            assertEquals(400, server.post("/validate", "[]".getBytes(StandardCharsets.UTF_8)).statusCode());
        }
    }
}
