package io.gatewarden.applier.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.applier.store.TableDefinition;
import io.gatewarden.localaws.DynamoDbLocal;
import io.micronaut.context.ApplicationContext;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda handler fed real SQS batch JSON, reading the objects from a Kubernetes API test server and storing in
 * DynamoDB Local over HTTP.
 */
class ApplierHandlerIT {

    /** SQS event JSON uses "Records" and "eventSourceARN": the Lambda runtime maps them case-insensitively. */
    static final ObjectMapper LAMBDA_JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static DynamoDbLocal local;
    static DynamoDbClient ddb;
    static ApplicationContext ctx;
    static ApplierHandler handler;
    static DynamoStateStore states;
    static KubernetesTestApi kube;

    @BeforeAll
    static void start(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        kube = new KubernetesTestApi();
        try (InputStream in = ApplierHandlerIT.class.getResourceAsStream("cluster-objects.json")) {
            io.gatewarden.model.manifest.Json.mapper().readTree(in).forEach(kube::store); // what the API holds
        }
        local = new DynamoDbLocal();
        ddb = local.client(8);
        TableDefinition.createIfMissing(ddb, "handler-test");
        ctx = ApplicationContext.builder().environments("function").properties(Map.of(
                "gatewarden.applier.table", "handler-test",
                "gatewarden.aws.dynamodb-endpoint", local.endpoint().toString(),
                "gatewarden.applier.kubeconfig", kube.kubeconfig(dir).toString(),
                "gatewarden.applier.cluster", "prod-eu-1",
                "gatewarden.applier.members.mode", "STATIC",
                "aws.region", "eu-west-1")).start();
        System.setProperty("aws.region", "eu-west-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        handler = new ApplierHandler(ctx);
        states = new DynamoStateStore(ddb, "handler-test");
    }

    @AfterAll
    static void stop() throws Exception {
        handler.close();
        kube.close();
        ddb.close();
        local.close();
    }

    static SQSEvent batch(String name) throws Exception {
        try (InputStream in = ApplierHandlerIT.class.getResourceAsStream(name)) {
            return LAMBDA_JSON.readValue(in, SQSEvent.class);
        }
    }

    static List<String> failed(SQSBatchResponse r) {
        return r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void gatewayBatch_getsOneVipFromItsInfraSettingsNetwork_andDuplicatesChangeNothing() throws Exception {
        SQSEvent event = batch("batch-gateway.json");
        assertEquals(List.of(), failed(handler.handleRequest(event, null)));
        OwnerKey gw = new OwnerKey("prod-eu-1", "Gateway.networking.x-k8s.io", "oam", "dns");
        ObjectState state = states.load(gw).orElseThrow();
        assertEquals("Allocated", state.status());
        assertEquals("10.223.63.1", state.vip());

        assertEquals(List.of(), failed(handler.handleRequest(batch("batch-gateway.json"), null))); // redelivery
        assertEquals("10.223.63.1", states.load(gw).orElseThrow().vip());
    }

    @Test
    void aFailureFailsTheRestOfItsGroupOnly() throws Exception {
        handler.handleRequest(batch("batch-gateway.json"), null); // class and setting known
        SQSBatchResponse r = handler.handleRequest(batch("batch-broken-first.json"), null);
        assertEquals(List.of("00000001-7c1e-4b2a-9d3e-5f6a7b8c9d0e", "00000002-7c1e-4b2a-9d3e-5f6a7b8c9d0e"), failed(r));
        assertNull(states.load(new OwnerKey("prod-eu-1", "Gateway.networking.x-k8s.io", "oam", "after-broken"))
                .orElse(null));
        assertEquals("Allocated", states.load(new OwnerKey("prod-eu-1", "Gateway.networking.x-k8s.io", "oam", "other"))
                .orElseThrow().status());
    }

    @Test
    void aBatch_writesEmfLines_forItsOutcomes_withTheRequestId() throws Exception {
        io.gatewarden.applier.metrics.CapturedMetrics captured = io.gatewarden.applier.metrics.CapturedMetrics.install();
        try {
            org.slf4j.MDC.put(ApplierHandler.REQUEST_ID, "c0ffee-1");
            handler.execute(batch("batch-gateway.json"));
        } finally {
            org.slf4j.MDC.remove(ApplierHandler.REQUEST_ID);
            io.gatewarden.applier.metrics.ApplierMetrics.install(new io.gatewarden.applier.metrics.ApplierMetrics(
                    new software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment()));
        }
        var outcomes = captured.of("Outcomes");
        assertTrue(outcomes.stream().anyMatch(l -> l.path("Kind").asText().equals("Gateway.networking.x-k8s.io")
                && l.path("Outcome").asText().equals("Allocated")), outcomes.toString());
        assertTrue(outcomes.stream().allMatch(l -> l.path("requestId").asText().equals("c0ffee-1")
                && l.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText().equals("Gatewarden/Applier")));
    }
}
