package io.gatewarden.webhook.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.manifest.Json;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lambda handler driven with a real function-URL (payload 2.0) event carrying an AdmissionReview. */
class WebhookFunctionTest {

    @Test
    void functionUrlEvent_isAnsweredLikeTheHttpsServer() throws Exception {
        String state = Path.of(getClass().getResource("/io/gatewarden/webhook/admission/state").toURI()).toString();
        APIGatewayV2HTTPEvent event;
        try (InputStream in = getClass().getResourceAsStream("function-url-validate.json")) {
            event = Json.mapper().readValue(in, APIGatewayV2HTTPEvent.class);
        }
        try (ApplicationContext ctx = ApplicationContext.builder().environments("function")
                .properties(Map.of("gatewarden.cluster.source", "MANIFESTS", "gatewarden.cluster.state-from", state))
                .start();
             WebhookFunction function = new WebhookFunction(ctx)) {
            APIGatewayV2HTTPResponse response = function.handleRequest(event, new MockLambdaContext());
            assertEquals(200, response.getStatusCode(), response.getBody());
            JsonNode review = Json.mapper().readTree(response.getBody());
            assertEquals("AdmissionReview", review.path("kind").asText());
            assertEquals("3b4f0c2e-0001", review.path("response").path("uid").asText());
            assertFalse(review.path("response").path("allowed").asBoolean());
            assertTrue(review.path("response").path("status").path("message").asText().endsWith("[AVI-SVC-003]"));

            event.setBody("{not json");
            APIGatewayV2HTTPResponse bad = function.handleRequest(event, new MockLambdaContext());
            assertEquals(400, bad.getStatusCode());
        }
    }
}
