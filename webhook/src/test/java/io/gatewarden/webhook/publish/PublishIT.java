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
        assertEquals("10.10.16.5", event.object().path("spec").path("addresses").get(0).path("value").asText());
        assertTrue(event.oldObject().isObject());
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
    void delete_carriesTheOldObject() throws Exception {
        receive(1);
        JsonNode r = webhook.validate(WebhookServerAccess.fixture("delete-service.json"));
        assertTrue(r.path("allowed").asBoolean());
        List<Message> messages = receive(10);
        assertEquals(1, messages.size());
        ChangeEvent event = Json.mapper().readValue(messages.get(0).body(), ChangeEvent.class);
        assertEquals(ChangeEvent.Operation.DELETE, event.operation());
        assertEquals(null, event.object());
        assertEquals("web-statefulset-service-oam", event.oldObject().path("metadata").path("name").asText());
    }
}
