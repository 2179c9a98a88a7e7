package io.gatewarden.model.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.manifest.Json;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class AdmissionReviewTest {

    @Test
    void request_roundTrips_andExposesWhatTheWebhookReads() throws Exception {
        JsonNode original;
        try (InputStream in = getClass().getResourceAsStream("create-service.json")) {
            original = Json.mapper().readTree(in);
        }
        AdmissionReview review = Json.mapper().treeToValue(original, AdmissionReview.class);
        assertEquals("705ab4f5-6393-11e8-b7cc-42010a800002", review.request().uid());
        assertEquals("Service", review.request().kind().kind());
        assertEquals("CREATE", review.request().operation());
        assertTrue(review.request().isDryRun());
        assertEquals("dns", review.request().object().path("metadata").path("name").asText());
        assertEquals(original, Json.mapper().valueToTree(review));
    }

    @Test
    void answer_hasTheV1Envelope() {
        AdmissionReview answer = AdmissionReview.answer(new AdmissionReview.Response("u1", false,
                new AdmissionReview.Status(422, "denied", "Invalid", "Failure"), null, null, null, null));
        JsonNode json = Json.mapper().valueToTree(answer);
        assertEquals("admission.k8s.io/v1", json.path("apiVersion").asText());
        assertEquals("AdmissionReview", json.path("kind").asText());
        assertEquals(422, json.path("response").path("status").path("code").asInt());
        assertTrue(json.path("response").path("patch").isMissingNode());
    }
}
