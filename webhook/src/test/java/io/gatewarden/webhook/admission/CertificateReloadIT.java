package io.gatewarden.webhook.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.gatewarden.webhook.tls.SelfSignedCa;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cert-manager rotates the serving certificate on disk: new connections get the new one, no restart. */
class CertificateReloadIT {

    @TempDir
    Path tmp;

    private static BigInteger servedSerial(WebhookServer server, Path caFile) throws Exception {
        HttpClient fresh = HttpClient.newBuilder().sslContext(WebhookServer.trusting(caFile)).build();
        HttpResponse<String> r = fresh.send(HttpRequest.newBuilder(server.uri("/validate"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), "an empty review is refused, over the TLS session under test");
        return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
    }

    private static BigInteger fileSerial(Path certFile) throws Exception {
        try (var in = Files.newInputStream(certFile)) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getSerialNumber();
        }
    }

    @Test
    void rotatedCertificate_isServedWithoutRestart() throws Exception {
        Path tls = tmp.resolve("tls");
        try (WebhookServer server = new WebhookServer(tls, Map.of())) {
            BigInteger before = servedSerial(server, tls.resolve("ca.crt"));
            assertEquals(fileSerial(tls.resolve("tls.crt")), before);

            Path next = tmp.resolve("next");
            SelfSignedCa.write(next, List.of(), Duration.ofDays(1));
            // Same CA would be cert-manager's case; a new CA is stricter: the client trusts only the new one.
            Files.copy(next.resolve("ca.crt"), tls.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            SelfSignedCa.writeAtomically(tls.resolve("tls.key"), Files.readString(next.resolve("tls.key")));
            SelfSignedCa.writeAtomically(tls.resolve("tls.crt"), Files.readString(next.resolve("tls.crt")));
            BigInteger expected = fileSerial(next.resolve("tls.crt"));

            BigInteger after = before;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!after.equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                try {
                    after = servedSerial(server, tls.resolve("ca.crt"));
                } catch (java.io.IOException handshakeWithOldCertificate) {
                    // still the old certificate: the client trusts only the new CA
                }
            }
            assertNotEquals(before, after);
            assertEquals(expected, after);
        }
    }
}
