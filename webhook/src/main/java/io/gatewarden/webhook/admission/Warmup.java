package io.gatewarden.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.model.manifest.ManifestObject;
import io.gatewarden.model.manifest.ManifestParser;
import io.gatewarden.webhook.check.RuleExamples;
import io.gatewarden.webhook.policy.Rule;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warms the JIT before the webhook reports ready: a JVM answers its first few thousand reviews several times slower
 * than it answers them later, and every one of those is an API server write waiting. At start-up this sends
 * {@code gatewarden.warmup.requests} dry-run reviews of the rule fixtures (every kind and rule) to its own
 * {@code /validate} and {@code /mutate} over loopback HTTPS, through the same TLS, HTTP and decision code the API
 * server's calls take, or as many as fit in {@code gatewarden.warmup.time-limit} (a node short of CPU still gets
 * ready). 20,000 rather than 4,000: with the C1 compiler only, the first real round after 4,000 still cost the API
 * server 0.6 ms more per call than the floor webhook, after 20,000 0.14 ms (README, "Warm-up"). Dry runs publish
 * nothing and teach the view nothing; their uids start with {@value #UID_PREFIX} so the admission metrics leave them
 * out. Readiness waits for it ({@link #done()}).
 */
@Singleton
public class Warmup implements ApplicationEventListener<ServerStartupEvent> {

    /** Reviews whose uid starts with this are the warm-up's own. */
    public static final String UID_PREFIX = "gatewarden-warmup-";

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    private final int requests;
    private final Duration timeLimit;
    private final CountDownLatch finished = new CountDownLatch(1);

    public Warmup(@Value("${gatewarden.warmup.requests:20000}") int requests,
            @Value("${gatewarden.warmup.time-limit:30s}") Duration timeLimit) {
        this.requests = requests;
        this.timeLimit = timeLimit;
        if (requests <= 0) {
            finished.countDown();
        }
    }

    /** True once the warm-up has run (or when it is off). */
    public boolean done() {
        return finished.getCount() == 0;
    }

    /** Waits at most {@code limit} for the warm-up; true when it has run. */
    public boolean awaitDone(Duration limit) throws InterruptedException {
        return finished.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (done()) {
            return;
        }
        URI base = event.getSource().getURI();
        if (!"https".equals(base.getScheme())) {
            finished.countDown();
            return;
        }
        Thread t = new Thread(() -> run(URI.create("https://127.0.0.1:" + base.getPort())), "gatewarden-warmup");
        t.setDaemon(true);
        t.start();
    }

    private void run(URI base) {
        long start = System.nanoTime();
        int sent = 0;
        try {
            List<byte[]> reviews = reviews();
            HttpClient client = HttpClient.newBuilder().sslContext(loopbackOnly())
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
            URI validate = base.resolve("/validate");
            URI mutate = base.resolve("/mutate");
            long deadline = start + timeLimit.toNanos();
            for (; sent < requests && !reviews.isEmpty() && System.nanoTime() - deadline < 0; sent++) {
                byte[] body = reviews.get(sent % reviews.size());
                client.send(HttpRequest.newBuilder(sent % 2 == 0 ? validate : mutate).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(), HttpResponse.BodyHandlers.discarding());
            }
            if (sent < requests && !reviews.isEmpty()) {
                LOG.warn("warm-up stopped at its time limit ({}) after {} of {} reviews; the first real reviews may be "
                        + "slower", timeLimit, sent, requests);
            } else {
                LOG.info("warm-up: {} reviews in {} ms", sent, (System.nanoTime() - start) / 1_000_000);
            }
        } catch (Exception e) {
            LOG.warn("warm-up stopped after {} reviews ({}); the first real reviews will be slower", sent, e.toString());
        } finally {
            finished.countDown();
        }
    }

    /** Dry-run CREATE reviews of every object in the rule catalogue's failing and passing examples. */
    static List<byte[]> reviews() throws Exception {
        Set<String> files = new LinkedHashSet<>();
        for (Rule rule : Rule.values()) {
            RuleExamples.Examples e = RuleExamples.of(rule);
            if (e != null) {
                files.add(e.failing());
                files.add(e.passing());
            }
        }
        List<byte[]> out = new ArrayList<>();
        for (String file : files) {
            if (file == null) {
                continue;
            }
            for (ManifestObject o : new ManifestParser().parse(file, RuleExamples.text(file)).objects()) {
                out.add(review(o.raw(), out.size()));
            }
        }
        return out;
    }

    private static byte[] review(JsonNode object, int n) throws Exception {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        ObjectNode review = Json.mapper().createObjectNode().put("apiVersion", "admission.k8s.io/v1")
                .put("kind", "AdmissionReview");
        ObjectNode req = review.putObject("request").put("uid", UID_PREFIX + n);
        req.putObject("kind").put("group", group).put("version", version).put("kind", object.path("kind").asText());
        req.put("name", object.path("metadata").path("name").asText())
                .put("namespace", object.path("metadata").path("namespace").asText("default"))
                .put("operation", "CREATE").put("dryRun", true);
        req.set("object", object);
        return Json.mapper().writeValueAsBytes(review);
    }

    /**
     * Trusts whatever certificate this process serves: the warm-up only ever connects to 127.0.0.1 (its own
     * listener), whose certificate names the Service, not loopback, and it sends nothing of value.
     */
    private static SSLContext loopbackOnly() throws Exception {
        TrustManager own = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {own}, new SecureRandom());
        return ctx;
    }
}
