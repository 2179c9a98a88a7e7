package io.gatewarden.webhook.admission;

import io.gatewarden.model.manifest.ManifestLimitException;
import io.gatewarden.model.manifest.ManifestParser;
import io.gatewarden.webhook.check.CheckReport;
import io.gatewarden.webhook.check.ManifestCheck;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /check}: manifests in, the JSON of {@code check --output json} out. Off unless
 * {@code gatewarden.check-endpoint.enabled} is true: it shares the admission port and exposes the manifest reader to
 * whoever reaches it, and the {@code check} command is the offline path. Input beyond the reader's limits is a 400.
 */
@Controller
@Requires(property = CheckController.ENABLED, value = "true")
public class CheckController {

    public static final String ENABLED = "gatewarden.check-endpoint.enabled";

    private final ManifestCheck check;
    private final AdmissionMetrics metrics;
    private final ManifestParser parser = new ManifestParser();

    public CheckController(ManifestCheck check, AdmissionMetrics metrics) {
        this.check = check;
        this.metrics = metrics;
    }

    @Post(uri = "/check", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> check(@Nullable @Body byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        try {
            return AdmissionController.json(HttpResponse.ok(), CheckReport.json(check.check(parser.parse("request", text))));
        } catch (ManifestLimitException e) {
            metrics.rejected("check", "limit");
            return HttpResponse.<byte[]>badRequest().contentType(MediaType.TEXT_PLAIN_TYPE)
                    .body((e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
