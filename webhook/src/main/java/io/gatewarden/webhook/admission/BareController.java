package io.gatewarden.webhook.admission;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's ceiling: the same server, TLS and body handling, answering a fixed AdmissionReview without
 * parsing or deciding anything. Present only with {@code gatewarden.bench.enabled=true}.
 */
@Controller
@Requires(property = "gatewarden.bench.enabled", value = "true")
public class BareController {

    private static final byte[] FIXED = ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
            + "\"response\":{\"uid\":\"fixed\",\"allowed\":true}}").getBytes(StandardCharsets.UTF_8);

    @NonBlocking
    @Post(uri = "/bench/fixed", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> fixed(@Nullable @Body byte[] body) {
        return HttpResponse.ok(FIXED).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
