package io.gatewarden.webhook.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow-loris and idle floods against the real HTTPS listener: a client that trickles a request is cut off at
 * gatewarden.server.request-timeout even though it never goes idle, connections beyond
 * gatewarden.server.max-connections are closed at once, idle ones at the idle timeout, and reviews keep answering.
 */
class ConnectionLimitsIT {

    @TempDir
    Path tmp;

    private static final byte[] REVIEW = ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
            + "\"request\":{\"uid\":\"u-1\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"ConfigMap\"},"
            + "\"operation\":\"CREATE\",\"name\":\"c\",\"namespace\":\"n\",\"object\":{\"apiVersion\":\"v1\","
            + "\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"n\"}}}}")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void slowLoris_isCutOffAtTheRequestDeadline_whileReviewsKeepAnswering() throws Exception {
        try (WebhookServer server = new WebhookServer(tmp.resolve("tls"), Map.of(
                "gatewarden.server.request-timeout", "1s",
                "micronaut.server.idle-timeout", "60s", "micronaut.server.read-idle-timeout", "60s"))) {
            List<SSLSocket> loris = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                SSLSocket s = (SSLSocket) WebhookServer.trusting(server.tlsDir.resolve("ca.crt")).getSocketFactory()
                        .createSocket("127.0.0.1", server.server.getPort());
                s.startHandshake();
                s.getOutputStream().write("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                loris.add(s);
            }
            AtomicBoolean trickling = new AtomicBoolean(true);
            Thread trickle = new Thread(() -> {
                for (int line = 0; trickling.get() && line < 100; line++) { // one header line per 200 ms, never idle
                    for (SSLSocket s : loris) {
                        try {
                            OutputStream out = s.getOutputStream();
                            out.write(("X-Line-" + line + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        } catch (IOException closed) {
                            // the server hung up: what this test wants
                        }
                    }
                    sleep(200);
                }
            });
            trickle.start();
            try {
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> r = server.post("/validate", REVIEW);
                    assertEquals(200, r.statusCode(), "a review answers while 20 slow-loris connections trickle");
                }
                for (SSLSocket s : loris) {
                    s.setSoTimeout(8_000);
                    assertTrue(closedByServer(s), "a trickling connection is closed by the request deadline");
                }
            } finally {
                trickling.set(false);
                trickle.join();
                for (SSLSocket s : loris) {
                    s.close();
                }
            }
            assertEquals(200, server.post("/validate", REVIEW).statusCode());
            assertTrue(server.management("/prometheus").body().contains("gatewarden_server_requests_timed_out_total 20.0"));
        }
    }

    @Test
    void idleFlood_beyondTheCapIsClosedAtOnce_andIdleConnectionsAtTheIdleTimeout() throws Exception {
        try (WebhookServer server = new WebhookServer(tmp.resolve("tls"), Map.of(
                "gatewarden.server.max-connections", 10,
                "micronaut.server.idle-timeout", "3s", "micronaut.server.read-idle-timeout", "3s"))) {
            List<Socket> flood = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                flood.add(new Socket("127.0.0.1", server.server.getPort()));
            }
            Thread.sleep(500);
            int closedAtOnce = 0;
            for (Socket s : flood) {
                s.setSoTimeout(50); // all 30 are looked at within 1.5 s, well under the idle timeout
                if (closedByServer(s)) {
                    closedAtOnce++;
                }
            }
            assertEquals(20, closedAtOnce, "connections beyond max-connections (10) are closed as they arrive");
            for (Socket s : flood) {
                s.setSoTimeout(8_000);
                assertTrue(closedByServer(s), "an idle connection is closed at the idle timeout");
                s.close();
            }
            assertEquals(200, server.post("/validate", REVIEW).statusCode(), "reviews answer once the flood is gone");
        }
    }

    /** True when the server closed the connection (end of stream or reset) before the socket's read timeout. */
    private static boolean closedByServer(Socket s) {
        try {
            while (true) {
                if (s.getInputStream().read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
