package io.gatewarden.webhook.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.localaws.ElasticMq;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.webhook.admission.WebhookServerAccess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Admitted changes reach an SQS FIFO queue (ElasticMQ on loopback); dry runs and denials never do. */
class PublishIT {

    @TempDir
    static Path tmp;

    static ElasticMq sqs;
    static String queue;
    static WebhookServerAccess webhook;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("aws.accessKeyId", "x");
        System.setProperty("aws.secretAccessKey", "x");
        sqs = new ElasticMq();
        queue = sqs.fifoQueue("gatewarden-changes.fifo");
        String state = Path.of(PublishIT.class.getResource("/io/gatewarden/webhook/admission/state").toURI()).toString();
        webhook = new WebhookServerAccess(tmp, Map.of(
                "gatewarden.cluster.source", "MANIFESTS",
                "gatewarden.cluster.state-from", state,
                "gatewarden.publish.enabled", true,
                "gatewarden.publish.queue-url", queue,
                "gatewarden.publish.sqs-endpoint", sqs.endpoint().toString(),
                "gatewarden.publish.cluster-name", "prod-eu-1"));
    }

    @AfterAll
    static void stop() {
        webhook.close();
        sqs.close();
    }

    static List<Message> receive(int waitSeconds) {
        List<Message> out = sqs.client.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        out.forEach(m -> sqs.client.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())));
        return out;
    }

    @Test
    void allowedUpdate_isPublishedOnce_dryRunAndDenialNever() throws Exception {
        receive(1); // drain
        byte[] update = WebhookServerAccess.fixture("update-gateway-same-address.json");
        ObjectNode dry = (ObjectNode) Json.mapper().readTree(update);
        ((ObjectNode) dry.path("request")).put("dryRun", true);
        assertTrue(webhook.validate(Json.mapper().writeValueAsBytes(dry)).path("allowed").asBoolean());
        assertEquals(false, webhook.validate(WebhookServerAccess.fixture("create-service-bad-port.json"))
                .path("allowed").asBoolean());
        assertEquals(List.of(), receive(2));

        assertTrue(webhook.validate(update).path("allowed").asBoolean());
        List<Message> messages = receive(10);
        assertEquals(1, messages.size());
        Message m = messages.get(0);
        ChangeEvent event = Json.mapper().readValue(m.body(), ChangeEvent.class);
        assertEquals(ChangeEvent.Operation.UPDATE, event.operation());
        assertEquals("prod-eu-1", event.clusterName());
        assertEquals("networking.x-k8s.io", event.group());
        assertEquals("Gateway", event.kind());
        assertEquals("oam", event.namespace());
        assertEquals("gw", event.name());
        assertEquals(ChangeEvent.SCHEMA_VERSION, event.schemaVersion());
        assertTrue(!m.body().contains("\"spec\""), "keys only, never the object: " + m.body());
        assertEquals("prod-eu-1/Gateway/oam/gw", m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        assertEquals(event.eventId(), m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
    }

    @Test
    void anUnreachableQueue_neitherDelaysNorDeniesAdmission_andIsCounted() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory(tmp, "dead");
        String state = Path.of(PublishIT.class.getResource("/io/gatewarden/webhook/admission/state").toURI()).toString();
        try (WebhookServerAccess dead = new WebhookServerAccess(dir, Map.of(
                "gatewarden.cluster.source", "MANIFESTS",
                "gatewarden.cluster.state-from", state,
                "gatewarden.publish.enabled", true,
                "gatewarden.publish.queue-url", "http://127.0.0.1:1/000000000000/nowhere.fifo",
                "gatewarden.publish.sqs-endpoint", "http://127.0.0.1:1",
                "gatewarden.publish.first-backoff", "10ms",
                "gatewarden.publish.max-attempts", 2))) {
            byte[] update = WebhookServerAccess.fixture("update-gateway-same-address.json");
            long start = System.nanoTime();
            JsonNode r = dead.validate(update);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(r.path("allowed").asBoolean());
            assertTrue(millis < 1000, "admission took " + millis + " ms");
            long deadline = System.nanoTime() + 20_000_000_000L;
            String metrics = "";
            while (System.nanoTime() < deadline && !metrics.contains("gatewarden_publish_dropped_total 1.0")) {
                Thread.sleep(200);
                metrics = dead.get("/prometheus");
            }
            assertTrue(metrics.contains("gatewarden_publish_failed_total 2.0"), metrics);
            assertTrue(metrics.contains("gatewarden_publish_dropped_total 1.0"), metrics);
        }
    }

    @Test
    void delete_carriesTheKeysOfTheDeletedObject() throws Exception {
        receive(1);
        JsonNode r = webhook.validate(WebhookServerAccess.fixture("delete-service.json"));
        assertTrue(r.path("allowed").asBoolean());
        List<Message> messages = receive(10);
        assertEquals(1, messages.size());
        ChangeEvent event = Json.mapper().readValue(messages.get(0).body(), ChangeEvent.class);
        assertEquals(ChangeEvent.Operation.DELETE, event.operation());
        assertEquals("web-statefulset-service-oam", event.name());
        assertEquals("Service", event.kind());
    }

    private static Map<String, Object> publishingTo(String queueUrl, Object... more) throws Exception {
        String state = Path.of(PublishIT.class.getResource("/io/gatewarden/webhook/admission/state").toURI()).toString();
        Map<String, Object> p = new java.util.HashMap<>(Map.of(
                "gatewarden.cluster.source", "MANIFESTS",
                "gatewarden.cluster.state-from", state,
                "gatewarden.publish.enabled", true,
                "gatewarden.publish.queue-url", queueUrl,
                "gatewarden.publish.sqs-endpoint", sqs.endpoint().toString(),
                "gatewarden.publish.first-backoff", "10ms"));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    private static String metricsWhen(WebhookServerAccess w, String expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String metrics = w.get("/prometheus");
        while (System.nanoTime() < deadline && !metrics.contains(expected)) {
            Thread.sleep(100);
            metrics = w.get("/prometheus");
        }
        return metrics;
    }

    @Test
    void aHugeObject_isPublishedAsItsKeys_farBelowTheSqsLimit() throws Exception {
        String own = sqs.fifoQueue("huge-object.fifo");
        try (WebhookServerAccess w = new WebhookServerAccess(java.nio.file.Files.createTempDirectory(tmp, "big"),
                publishingTo(own))) {
            ObjectNode big = (ObjectNode) Json.mapper().readTree(WebhookServerAccess.fixture(
                    "update-gateway-same-address.json"));
            String filler = "x".repeat(200_000); // object and old object: 400 KB of review
            for (String which : List.of("object", "oldObject")) {
                ((ObjectNode) big.path("request").path(which).path("metadata")).putObject("annotations")
                        .put("example.com/filler", filler);
            }
            assertTrue(w.validate(Json.mapper().writeValueAsBytes(big)).path("allowed").asBoolean());
            List<Message> got = sqs.client.receiveMessage(b -> b.queueUrl(own).maxNumberOfMessages(10)
                    .waitTimeSeconds(5)).messages();
            assertEquals(1, got.size());
            assertTrue(got.get(0).body().length() < 1024, got.get(0).body().length() + " bytes");
        }
    }

    @Test
    void anEventTooLargeForSqs_isRejectedOnce_andDoesNotStallTheNext() throws Exception {
        String own = sqs.fifoQueue("too-large.fifo");
        PublishConfiguration config = new PublishConfiguration();
        config.setQueueUrl(own);
        config.setInCall(true);
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        ChangePublisher publisher = new ChangePublisher(java.util.Optional.of(sqs.client), config, registry);
        // Names are bounded by the API server; a forged review is not, and the bound still holds.
        publisher.offer(event("n".repeat(300_000)));
        publisher.offer(event("small"));
        List<Message> got = sqs.client.receiveMessage(b -> b.queueUrl(own).maxNumberOfMessages(10)
                .waitTimeSeconds(1)).messages();
        assertEquals(1, got.size(), "the small event right behind the large one arrives");
        assertEquals(1.0, registry.get("gatewarden.publish.rejected").tag("reason", "too-large").counter().count());
        assertEquals(0.0, registry.get("gatewarden.publish.failed").counter().count(), "never retried");
    }

    private static ChangeEvent event(String name) {
        return new ChangeEvent(ChangeEvent.SCHEMA_VERSION, java.util.UUID.randomUUID().toString(), "prod-eu-1",
                ChangeEvent.Operation.UPDATE, "", "v1", "Service", "oam", name, "", "", null, "2026-12-02T10:00:00Z");
    }

    @Test
    void aMissingQueue_isRejectedWithoutRetries() throws Exception {
        String absent = sqs.endpoint() + "/000000000000/absent.fifo";
        try (WebhookServerAccess w = new WebhookServerAccess(java.nio.file.Files.createTempDirectory(tmp, "absent"),
                publishingTo(absent))) {
            for (int i = 0; i < 3; i++) {
                assertTrue(w.validate(WebhookServerAccess.fixture("update-gateway-same-address.json")).path("allowed")
                        .asBoolean());
            }
            String metrics = metricsWhen(w, "gatewarden_publish_rejected_total{reason=\"missing-queue\"} 3.0");
            assertTrue(metrics.contains("gatewarden_publish_rejected_total{reason=\"missing-queue\"} 3.0"), metrics);
            assertTrue(metrics.contains("gatewarden_publish_failed_total 0.0"), "never retried: " + metrics);
        }
    }

    @Test
    void inCallMode_theEventIsOnTheQueueWhenTheReviewIsAnswered() throws Exception {
        String own = sqs.fifoQueue("in-call.fifo");
        try (WebhookServerAccess w = new WebhookServerAccess(java.nio.file.Files.createTempDirectory(tmp, "incall"),
                publishingTo(own, "gatewarden.publish.in-call", true))) {
            assertTrue(w.validate(WebhookServerAccess.fixture("update-gateway-same-address.json")).path("allowed")
                    .asBoolean());
            List<Message> got = sqs.client.receiveMessage(b -> b.queueUrl(own).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages(); // no waiting: no background thread is involved
            assertEquals(1, got.size());
        }
    }
}
