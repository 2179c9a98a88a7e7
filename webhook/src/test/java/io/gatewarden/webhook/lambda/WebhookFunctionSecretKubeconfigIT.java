package io.gatewarden.webhook.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.localaws.LoopbackSecretsManager;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.webhook.testing.AkoTestCluster;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The serverless webhook as Terraform deploys it: cluster source API, the kubeconfig read at start from a Secrets
 * Manager secret (a loopback server speaking the service's JSON protocol), the cluster the fabric8 test server. A
 * Service naming a live Gateway's missing listener is denied for AVI-SVC-003, which only a synced view can know.
 */
class WebhookFunctionSecretKubeconfigIT {

    static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gatewarden/webhook-cluster-AbCdEf";

    @Test
    void kubeconfigFromSecretsManager_givesASyncedView() throws Exception {
        // the SDK's credentials chain stops at system properties: nothing asks an instance metadata service
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        try (AkoTestCluster cluster = new AkoTestCluster()) {
            LoopbackSecretsManager secrets = new LoopbackSecretsManager();
            secrets.put(ARN, cluster.kubeconfig());
            try (ApplicationContext ctx = ApplicationContext.builder().environments("function")
                    .properties(Map.of("gatewarden.cluster.source", "API",
                            "gatewarden.cluster.kubeconfig-secret-arn", ARN,
                            "gatewarden.aws.secretsmanager-endpoint",
                            secrets.endpoint().toString()))
                    .start();
                 WebhookFunction function = new WebhookFunction(ctx)) {
                APIGatewayV2HTTPResponse response = function.handleRequest(event(), new MockLambdaContext());
                assertEquals(200, response.getStatusCode(), response.getBody());
                JsonNode answer = Json.mapper().readTree(response.getBody()).path("response");
                assertFalse(answer.path("allowed").asBoolean(), response.getBody());
                String message = answer.path("status").path("message").asText();
                assertTrue(message.contains("Gateway default/app-gateway-admin-0 has no listener TCP/8443")
                        && message.endsWith("[AVI-SVC-003]"), message);
                assertEquals(List.of(ARN), secrets.asked(), "the secret is read once, at start");

                // a SnapStart restore: the view is read again (same token, no secret read), reviews stay exact
                ctx.getBean(SnapStartHooks.class).hook().afterRestore(null);
                APIGatewayV2HTTPResponse restored = function.handleRequest(event(), new MockLambdaContext());
                assertTrue(restored.getBody().contains("[AVI-SVC-003]"), restored.getBody());
                assertEquals(List.of(ARN), secrets.asked());
            } finally {
                secrets.close();
            }
        }
    }

    /** The function-URL event of {@link WebhookFunctionTest}, its Service pointed at the test cluster's Gateway. */
    private APIGatewayV2HTTPEvent event() throws Exception {
        APIGatewayV2HTTPEvent event;
        try (InputStream in = getClass().getResourceAsStream("function-url-validate.json")) {
            event = Json.mapper().readValue(in, APIGatewayV2HTTPEvent.class);
        }
        String body = event.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8) : event.getBody();
        ObjectNode review = (ObjectNode) Json.mapper().readTree(body);
        ObjectNode request = (ObjectNode) review.path("request");
        request.put("namespace", "default");
        ObjectNode metadata = (ObjectNode) request.path("object").path("metadata");
        metadata.put("namespace", "default");
        ((ObjectNode) metadata.path("labels")).put("ako.vmware.com/gateway-name", "app-gateway-admin-0")
                .put("ako.vmware.com/gateway-namespace", "default");
        event.setBody(review.toString());
        event.setIsBase64Encoded(false);
        return event;
    }
}
