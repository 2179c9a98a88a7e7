package io.gatewarden.webhook.admission;

import io.gatewarden.model.admission.AdmissionReview;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.webhook.admission.Warmup;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/**
 * One AdmissionReview in, one HTTP answer out, whatever carries it: the Micronaut controller (Lambda, HTTP/2) and
 * the HTTP/1.1 fast path on the admission port answer through this, so both say exactly the same. Bodies are read
 * as bytes and parsed here so that every client mistake becomes a one-line 400, never a 500.
 */
@Singleton
public class AdmissionEndpoint {

    /** An HTTP answer: status, content type and body. */
    public record Answer(int status, String contentType, byte[] body) {
    }

    private final AdmissionService service;
    private final AdmissionMetrics metrics;

    public AdmissionEndpoint(AdmissionService service, AdmissionMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    /** {@code endpoint} is {@code validate} or {@code mutate}. */
    public Answer answer(String endpoint, byte[] body) {
        long start = System.nanoTime();
        AdmissionReview.Request request;
        try {
            request = ReviewParser.parse(body == null ? new byte[0] : body);
        } catch (ReviewParser.BadReviewException e) {
            metrics.rejected(endpoint, "bad-review");
            return new Answer(400, "text/plain", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        AdmissionService.Decision decision = "mutate".equals(endpoint) ? service.mutate(request)
                : service.validateAndPublish(request);
        if (request.uid() == null || !request.uid().startsWith(Warmup.UID_PREFIX)) {
            metrics.record(endpoint, request.operation(), decision, System.nanoTime() - start);
        }
        try {
            return new Answer(200, "application/json",
                    Json.mapper().writeValueAsBytes(AdmissionReview.answer(decision.response())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the answer", e);
        }
    }
}
