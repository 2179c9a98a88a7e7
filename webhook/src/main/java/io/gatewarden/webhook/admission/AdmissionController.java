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

/**
 * {@code POST /validate} and {@code POST /mutate} (AdmissionReview v1) through Micronaut's routing: in Lambda, over
 * HTTP/2, and on HTTP/1.1 when {@code gatewarden.server.fast-path} is off (else the connection's fast path answers
 * first, through the same {@link AdmissionEndpoint}). Decisions are in-memory work and run on the event loop.
 */
@Controller
public class AdmissionController {

    private final AdmissionEndpoint endpoint;

    public AdmissionController(AdmissionEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @NonBlocking
    @Post(uri = "/validate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> validate(@Nullable @Body byte[] body) {
        return http(endpoint.answer("validate", body));
    }

    @NonBlocking
    @Post(uri = "/mutate", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> mutate(@Nullable @Body byte[] body) {
        return http(endpoint.answer("mutate", body));
    }

    private static HttpResponse<byte[]> http(AdmissionEndpoint.Answer a) {
        return HttpResponse.<byte[]>status(io.micronaut.http.HttpStatus.valueOf(a.status()))
                .contentType(MediaType.of(a.contentType())).body(a.body());
    }

    static HttpResponse<byte[]> json(io.micronaut.http.MutableHttpResponse<byte[]> response, Object value) {
        try {
            return response.contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.mapper().writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the answer", e);
        }
    }
}
