package io.gatewarden.webhook.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.manifest.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JIT warm-up runs the rule fixtures through the real listener before readiness, and is not counted. */
class WarmupIT {

    @TempDir
    Path tmp;

    @Test
    void readinessWaitsForTheWarmup_whoseReviewsAreServed_butNotCounted() throws Exception {
        try (WebhookServer server = new WebhookServer(tmp.resolve("tls"), Map.of("gatewarden.warmup.requests", 300))) {
            InformerViewIT.await(() -> server.management("/health/readiness").statusCode() == 200);
            JsonNode health = Json.mapper().readTree(server.management("/health/readiness").body());
            assertTrue(health.toString().contains("\"warmedUp\":true"), health.toString());
            String metrics = server.management("/prometheus").body();
            java.util.regex.Matcher exchanges = java.util.regex.Pattern
                    .compile("gatewarden_server_exchange_seconds_count (\\d+)").matcher(metrics);
            assertTrue(exchanges.find() && Double.parseDouble(exchanges.group(1)) >= 300,
                    "the warm-up went through the HTTPS listener: " + metrics);
            assertFalse(metrics.contains("gatewarden_admission_requests_total{"), "warm-up reviews are not counted");
            assertEquals(200, server.post("/validate", WebhookIT.fixture("create-service-bad-port.json")).statusCode());
            assertTrue(server.management("/prometheus").body().contains("gatewarden_admission_requests_total{"));
        }
    }

    @Test
    void aWarmupPastItsTimeLimit_stopsThere_andTheWebhookGetsReady() throws Exception {
        long start = System.nanoTime();
        try (WebhookServer server = new WebhookServer(tmp.resolve("tls"),
                Map.of("gatewarden.warmup.requests", 10_000_000, "gatewarden.warmup.time-limit", "2s"))) {
            InformerViewIT.await(() -> server.management("/health/readiness").statusCode() == 200);
            assertTrue(System.nanoTime() - start < java.time.Duration.ofSeconds(60).toNanos(), "ready within a minute");
            java.util.regex.Matcher exchanges = java.util.regex.Pattern
                    .compile("gatewarden_server_exchange_seconds_count (\\d+)")
                    .matcher(server.management("/prometheus").body());
            assertTrue(exchanges.find(), "the warm-up went through the listener");
            double sent = Double.parseDouble(exchanges.group(1));
            assertTrue(sent > 0 && sent < 10_000_000, "stopped by its time limit after " + sent + " reviews");
        }
    }
}
