package io.gatewarden.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.manifest.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/** The test webhook server for tests in other packages. */
public final class WebhookServerAccess implements AutoCloseable {

    private final WebhookServer server;

    public WebhookServerAccess(Path tmp, Map<String, Object> props) throws Exception {
        server = new WebhookServer(tmp.resolve("tls"), props);
    }

    public static byte[] fixture(String name) throws java.io.IOException {
        return WebhookIT.fixture(name);
    }

    /** POSTs to /validate and returns the response part of the answer. */
    public JsonNode validate(byte[] review) throws Exception {
        HttpResponse<String> r = server.post("/validate", review);
        return Json.mapper().readTree(r.body()).path("response");
    }

    /** GETs a path on the management port and returns the body. */
    public String get(String path) throws Exception {
        return server.management(path).body();
    }

    @Override
    public void close() {
        server.close();
    }
}
