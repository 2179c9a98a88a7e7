package io.gatewarden.webhook.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP/1.1 fast path and the Micronaut controller give the same answers (status, content type, body) for the
 * same reviews, good and bad; the fast path bounds bodies; everything else is still Micronaut's.
 */
class AdmissionFastPathIT {

    @TempDir
    Path tmp;

    private static final List<String> FIXTURES = List.of("create-service-bad-port.json", "create-configmap.json",
            "mutate-lb-service-traffic.json", "delete-service.json", "dryrun-service-bad-port.json");

    private static List<String> answers(WebhookServer server) throws Exception {
        List<String> out = new ArrayList<>();
        for (String f : FIXTURES) {
            for (String path : List.of("/validate", "/mutate", "/validate?timeout=10s")) {
                HttpResponse<String> r = server.post(path, WebhookIT.fixture(f));
                out.add(path + " " + f + " " + r.statusCode() + " " + r.headers().firstValue("content-type")
                        .orElse("") + " " + r.body());
            }
        }
        for (String bad : List.of("", "[]", "{\"kind\":\"AdmissionReview\"}", "not json")) {
            HttpResponse<String> r = server.post("/validate", bad.getBytes(StandardCharsets.UTF_8));
            out.add("bad " + r.statusCode() + " " + r.body());
        }
        return out;
    }

    @Test
    void fastPathAndController_answerAlike() throws Exception {
        List<String> fast;
        List<String> routed;
        String state = Path.of(AdmissionFastPathIT.class.getResource("/io/gatewarden/webhook/admission/state").toURI())
                .toString();
        try (WebhookServer server = new WebhookServer(tmp.resolve("a"), Map.of("gatewarden.cluster.source", "MANIFESTS",
                "gatewarden.cluster.state-from", state))) {
            fast = answers(server);
            HttpResponse<String> big = server.post("/validate", new byte[3 * 1024 * 1024 + 1]);
            assertEquals(413, big.statusCode());
            assertEquals(404, server.get("/check").statusCode(), "other paths are still Micronaut's");
        }
        try (WebhookServer server = new WebhookServer(tmp.resolve("b"), Map.of("gatewarden.cluster.source", "MANIFESTS",
                "gatewarden.cluster.state-from", state, "gatewarden.server.fast-path", false))) {
            routed = answers(server);
        }
        assertEquals(routed, fast);
        assertTrue(fast.get(0).contains(" 200 application/json {\"apiVersion\":\"admission.k8s.io/v1\""), fast.get(0));
        assertTrue(fast.stream().anyMatch(a -> a.startsWith("bad 400 ")));
    }
}
