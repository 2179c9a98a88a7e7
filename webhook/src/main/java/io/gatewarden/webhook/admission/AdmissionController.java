package io.gatewarden.webhook.admission;

import io.gatewarden.model.admission.AdmissionReview;
import io.gatewarden.model.manifest.Json;
import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * {@code POST /validate} and {@code POST /mutate} (AdmissionReview v1). Bodies
 * are read as bytes and parsed here so that every client mistake becomes a one-line 400, never a 500. Decisions
 * are in-memory work and run on the event loop.
 */
@Controller
public class AdmissionController {

    private final AdmissionService service;
    private final AdmissionMetrics metrics;

    public AdmissionController(AdmissionService service, AdmissionMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @NonBlocking
    @Post(uri = "/validate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> validate(@Nullable @Body byte[] body) {
        return review("validate", body, service::validateAndPublish);
    }

    @NonBlocking
    @Post(uri = "/mutate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> mutate(@Nullable @Body byte[] body) {
        return review("mutate", body, service::mutate);
    }

    private HttpResponse<byte[]> review(String endpoint, byte[] body,
            Function<AdmissionReview.Request, AdmissionService.Decision> decide) {
        long start = System.nanoTime();
        AdmissionReview.Request request;
        try {
            request = ReviewParser.parse(body == null ? new byte[0] : body);
        } catch (ReviewParser.BadReviewException e) {
            metrics.rejected(endpoint, "bad-review");
            return HttpResponse.<byte[]>badRequest().contentType(MediaType.TEXT_PLAIN_TYPE)
                    .body((e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        AdmissionService.Decision decision = decide.apply(request);
        if (request.uid() == null || !request.uid().startsWith(io.gatewarden.webhook.server.Warmup.UID_PREFIX)) {
            metrics.record(endpoint, request.operation(), decision, System.nanoTime() - start);
        }
        return json(HttpResponse.ok(), AdmissionReview.answer(decision.response()));
    }

    static HttpResponse<byte[]> json(io.micronaut.http.MutableHttpResponse<byte[]> response, Object value) {
        try {
            return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.mapper().writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the answer", e);
        }
    }
}
