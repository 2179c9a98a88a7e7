package io.gatewarden.local;

import io.gatewarden.local.demo.DemoEndpoints;
import io.gatewarden.local.stack.LocalStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.kubeapi.KubernetesApiServer;
import io.gatewarden.local.demo.AdmissionClient;
import io.gatewarden.model.manifest.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A storm of 5xx from the Avi controller, starting in the middle of an apply: the client retries with backoff,
 * undoes what it created, the message fails, SQS redelivers it, and after maxReceiveCount it lands in the
 * dead-letter queue — with nothing half-applied on the load balancer, Avi's or loxilb's.
 */
class DeadLetterIT {

    LocalStack stack;

    @BeforeEach
    void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(null, 0, 2, Duration.ofSeconds(1), 2,
                Map.of("gatewarden.applier.avi.attempts", 2, "gatewarden.applier.avi.backoff", "5ms")));
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aControllerStorm_sendsTheMessageToTheDeadLetterQueue_withNothingHalfApplied() throws Exception {
        AdmissionClient webhook = new AdmissionClient(stack.endpoints().webhook(), stack.endpoints().caCertificate());
        for (String yaml : List.of(
                "{\"apiVersion\":\"ako.vmware.com/v1beta1\",\"kind\":\"AviInfraSetting\",\"metadata\":{\"name\":\"seg-oam\"},"
                        + "\"spec\":{\"network\":{\"vipNetworks\":[{\"networkName\":\"vip-oam\",\"cidr\":\"10.60.0.0/28\"}]}}}")) {
            assertTrue(admit(webhook, yaml));
        }
        await(() -> state(new OwnerKey(LocalStack.CLUSTER, "AviInfraSetting.ako.vmware.com", null, "seg-oam")) != null);
        // vsvip and pool are created, then every virtualservice create fails.
        stack.avi().failMatching("POST /api/virtualservice", 0, 1_000_000, 503);
        assertTrue(admit(webhook, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
                + "{\"name\":\"grafana\",\"namespace\":\"demo-oam\",\"annotations\":{\"aviinfrasetting.ako.vmware.com/name\":"
                + "\"seg-oam\"}},\"spec\":{\"type\":\"LoadBalancer\",\"ports\":[{\"protocol\":\"TCP\",\"port\":3000}]}}"));

        List<Message> dead = awaitDeadLetters();
        assertEquals(1, dead.size(), "the failing message lands in the dead-letter queue");
        JsonNode event = Json.mapper().readTree(dead.get(0).body());
        assertEquals("grafana", event.path("name").asText());
        for (String type : List.of("vsvip", "pool", "l4policyset", "virtualservice")) {
            assertEquals(List.of(), stack.avi().objects(type), type + " left half-applied");
        }
        try (DynamoDbClient ddb = stack.dynamodb().client(1)) {
            var state = new DynamoStateStore(ddb, LocalStack.TABLE)
                    .load(new OwnerKey(LocalStack.CLUSTER, "Service", "demo-oam", "grafana")).orElseThrow();
            assertEquals("Failed", state.status());
            assertTrue(state.reason().startsWith("Avi kept failing: HTTP 503"), state.reason());
        }
    }

    @Test
    void dlqListShowsWhy_andRedriveAfterTheControllerRecovers_endsApplied(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data)
            throws Exception {
        AdmissionClient webhook = new AdmissionClient(stack.endpoints().webhook(), stack.endpoints().caCertificate());
        assertTrue(admit(webhook, "{\"apiVersion\":\"ako.vmware.com/v1beta1\",\"kind\":"
                + "\"AviInfraSetting\",\"metadata\":{\"name\":\"seg-oam\"},\"spec\":{\"network\":{\"vipNetworks\":"
                + "[{\"networkName\":\"vip-oam\",\"cidr\":\"10.60.0.0/28\"}]}}}"));
        await(() -> state(new OwnerKey(LocalStack.CLUSTER, "AviInfraSetting.ako.vmware.com", null, "seg-oam")) != null);
        stack.avi().failMatching("POST /api/virtualservice", 0, 1_000_000, 503); // the failure plan: a storm
        assertTrue(admit(webhook, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
                + "{\"name\":\"grafana\",\"namespace\":\"demo-oam\",\"annotations\":{\"aviinfrasetting.ako.vmware.com/name\":"
                + "\"seg-oam\"}},\"spec\":{\"type\":\"LoadBalancer\",\"ports\":[{\"protocol\":\"TCP\",\"port\":3000}]}}"));
        await(() -> depth(stack.endpoints().deadLetterQueueUrl()) == 1, Duration.ofSeconds(60));
        stack.endpoints().write(data);

        String listed = cli("dlq", "list", "--data", data.toString());
        // receives: the 2 on the change queue (maxReceiveCount), plus this listing's own
        assertTrue(listed.lines().anyMatch(l -> l.startsWith("local/Service/demo-oam/grafana")
                && Integer.parseInt(l.trim().split("\\s+")[1]) >= 2
                && l.contains("LoadBalancerUnavailableException: Avi kept failing: HTTP 503")), listed);
        assertTrue(listed.endsWith("1 message(s) in the dead-letter queue\n"), listed);

        stack.avi().failMatching("POST /api/virtualservice", 0, 0, 503); // the controller recovers
        String redriven = cli("dlq", "redrive", "--all", "--data", data.toString());
        assertTrue(redriven.contains("moved back: local/Service/demo-oam/grafana"), redriven);
        OwnerKey grafana = new OwnerKey(LocalStack.CLUSTER, "Service", "demo-oam", "grafana");
        await(() -> state(grafana) != null && "Applied".equals(state(grafana).status()), Duration.ofSeconds(60));
        assertEquals(0, depth(stack.endpoints().deadLetterQueueUrl()));
        assertEquals(1, stack.avi().objects("virtualservice").size());
    }

    private int depth(String queueUrl) {
        var a = stack.sqs().client.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return Integer.parseInt(a.get("ApproximateNumberOfMessages")) + Integer.parseInt(a.get("ApproximateNumberOfMessagesNotVisible"));
    }

    /** Runs the launcher's command line in this JVM and returns what it printed; it must exit 0. */
    private static String cli(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setOut(old);
        }
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, code, String.join(" ", args) + ": " + text);
        return text;
    }

    @Test
    void aLoxilbStormAfterTheFirstNewRule_endsInTheDeadLetterQueue_withThePreviousRulesIntact() throws Exception {
        AdmissionClient webhook = new AdmissionClient(stack.endpoints().webhook(), stack.endpoints().caCertificate());
        String gateway = "{\"apiVersion\":\"gateway.networking.k8s.io/v1\",\"kind\":\"Gateway\",\"metadata\":"
                + "{\"name\":\"dns\",\"namespace\":\"edge\"},\"spec\":{\"gatewayClassName\":\"demo-loxilb\","
                + "\"listeners\":[{\"name\":\"tcp\",\"protocol\":\"TCP\",\"port\":PORT},{\"name\":\"udp\","
                + "\"protocol\":\"UDP\",\"port\":PORT}]}}";
        for (String json : List.of(
                "{\"apiVersion\":\"gateway.networking.k8s.io/v1\",\"kind\":\"GatewayClass\",\"metadata\":"
                        + "{\"name\":\"demo-loxilb\"},\"spec\":{\"controllerName\":\"loxilb.io/loxilb\"}}",
                gateway.replace("PORT", "53"),
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"coredns\",\"namespace\":"
                        + "\"edge\"},\"spec\":{\"selector\":{\"app\":\"coredns\"},\"ports\":[{\"name\":\"dns\","
                        + "\"protocol\":\"TCP\",\"port\":53},{\"name\":\"dns-udp\",\"protocol\":\"UDP\",\"port\":53}]}}",
                "{\"apiVersion\":\"gateway.networking.k8s.io/v1alpha2\",\"kind\":\"TCPRoute\",\"metadata\":"
                        + "{\"name\":\"t\",\"namespace\":\"edge\"},\"spec\":{\"parentRefs\":[{\"name\":\"dns\","
                        + "\"sectionName\":\"tcp\"}],\"rules\":[{\"backendRefs\":[{\"name\":\"coredns\",\"port\":53}]}]}}",
                "{\"apiVersion\":\"gateway.networking.k8s.io/v1alpha2\",\"kind\":\"UDPRoute\",\"metadata\":"
                        + "{\"name\":\"u\",\"namespace\":\"edge\"},\"spec\":{\"parentRefs\":[{\"name\":\"dns\","
                        + "\"sectionName\":\"udp\"}],\"rules\":[{\"backendRefs\":[{\"name\":\"coredns\",\"port\":53}]}]}}")) {
            assertTrue(admit(webhook, json), json);
        }
        // Publishing is asynchronous: first the outcome, then nothing left in flight.
        await(() -> ruleNames().size() == 2);
        await(this::queueEmpty);
        List<String> before = ruleNames();
        assertEquals(List.of("local--edge-dns-tcp-53", "local--edge-dns-udp-53"), before);

        // Both listeners move to 5353: the TCP rule for it is created, then loxilb fails every further create.
        stack.loxilb().failMatching("POST /config/loadbalancer", 1, 1_000_000, 503);
        assertTrue(admit(webhook, gateway.replace("PORT", "5353")));
        List<Message> dead = awaitDeadLetters();
        assertEquals(1, dead.size());
        assertEquals("Gateway", Json.mapper().readTree(dead.get(0).body()).path("kind").asText());
        assertEquals(before, ruleNames(), "the half-made 5353 rules were taken back, the 53 ones kept");
    }

    /**
     * Through the webhook (a create, or an update of what the API holds), then stored in the stack's Kubernetes API
     * when allowed, as the API server does.
     */
    private boolean admit(AdmissionClient webhook, String json) throws Exception {
        JsonNode object = Json.mapper().readTree(json);
        AdmissionClient.Verdict v = webhook.admit(object, KubernetesApiServer.find(stack.kubernetes().client(), object));
        if (v.allowed()) { // a Service's EndpointSlice first, as the demo stores it
            DemoEndpoints.sliceFor(v.stored()).ifPresent(stack.kubernetes()::store);
            stack.kubernetes().store(v.stored());
        }
        return v.allowed();
    }

    private List<String> ruleNames() {
        return stack.loxilb().rules().stream().map(r -> r.path("serviceArguments").path("name").asText()).sorted()
                .toList();
    }

    private List<Message> awaitDeadLetters() {
        List<Message> dead = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (dead.isEmpty() && System.nanoTime() < deadline) {
            dead = stack.sqs().client.receiveMessage(b -> b.queueUrl(stack.endpoints().deadLetterQueueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        }
        return dead;
    }

    private boolean queueEmpty() {
        var a = stack.sqs().client.getQueueAttributes(b -> b.queueUrl(stack.endpoints().queueUrl())
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return "0".equals(a.get("ApproximateNumberOfMessages"))
                && "0".equals(a.get("ApproximateNumberOfMessagesNotVisible"));
    }

    private ObjectState state(OwnerKey owner) {
        try (DynamoDbClient ddb = stack.dynamodb().client(1)) {
            return new DynamoStateStore(ddb, LocalStack.TABLE).load(owner).orElse(null);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        await(condition, Duration.ofSeconds(30));
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in " + limit.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
