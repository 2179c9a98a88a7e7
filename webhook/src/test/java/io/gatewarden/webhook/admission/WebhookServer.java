package io.gatewarden.webhook.admission;

import io.gatewarden.webhook.cli.WebhookProperties;
import io.gatewarden.webhook.tls.SelfSignedCa;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/** The webhook started as in production (HTTPS on loopback, self-signed CA), and a client that trusts it. */
final class WebhookServer implements AutoCloseable {

    final Path tlsDir;
    final ApplicationContext ctx;
    final EmbeddedServer server;
    final HttpClient client;
    final int managementPort;

    WebhookServer(Path tlsDir, Map<String, Object> extra) throws Exception {
        this.tlsDir = tlsDir;
        SelfSignedCa.GeneratedFiles files = SelfSignedCa.write(tlsDir, List.of(), Duration.ofDays(1));
        Map<String, Object> props = new HashMap<>(WebhookProperties.https("127.0.0.1", -1));
        props.putAll(WebhookProperties.certificate(files.certificate(), files.privateKey()));
        props.put("gatewarden.tls.refresh-interval", "1s");
        props.put("gatewarden.warmup.requests", 0); // WarmupIT warms up; the other tests need no JIT
        managementPort = WebhookProperties.freePort();
        props.putAll(WebhookProperties.management(managementPort));
        props.putAll(extra);
        ctx = ApplicationContext.builder().properties(props).start();
        server = ctx.getBean(EmbeddedServer.class).start();
        client = HttpClient.newBuilder().sslContext(trusting(files.caCertificate()))
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    static SSLContext trusting(Path caFile) throws Exception {
        return SelfSignedCa.trusting(caFile);
    }

    URI uri(String path) {
        return URI.create("https://127.0.0.1:" + server.getPort() + path);
    }

    HttpResponse<String> post(String path, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET on the plain-HTTP management port (health, readiness, /prometheus). */
    HttpResponse<String> management(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        ctx.close();
    }
}
