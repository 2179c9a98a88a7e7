package io.gatewarden.webhook.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The Micronaut settings that make the server HTTPS-only with reloadable PEM files. */
public final class WebhookProperties {

    /** Name of the certificate provider the server's SSL uses. */
    public static final String KEY_NAME = io.gatewarden.webhook.tls.PemFilesCertificate.NAME;

    /**
     * The cipher suites the server offers unless {@code gatewarden.tls.ciphers} (a comma-separated list) says
     * otherwise: forward-secret AEAD suites only (TLS 1.3's, and ECDHE with AES-GCM or ChaCha20-Poly1305 for
     * TLS 1.2). No RSA key exchange, no CBC.
     */
    public static final String DEFAULT_CIPHERS = String.join(",",
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private WebhookProperties() {
    }

    public static Map<String, Object> https(String host, int port) {
        return Map.of(
                "micronaut.server.host", host,
                "micronaut.server.ssl.enabled", true,
                "micronaut.server.ssl.port", port,
                "micronaut.server.dual-protocol", false,
                "micronaut.server.ssl.protocols", List.of("TLSv1.3", "TLSv1.2"),
                "micronaut.server.ssl.ciphers", "${gatewarden.tls.ciphers:" + DEFAULT_CIPHERS + "}",
                "micronaut.server.ssl.key-name", KEY_NAME);
    }

    /** Health, readiness and /prometheus on a plain-HTTP port of their own ({@code gatewarden.management.port}). */
    public static Map<String, Object> management(int port) {
        return Map.of("gatewarden.management.port", port);
    }

    /** A port that was free a moment ago, for in-process servers that must not collide on 8081. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port on loopback", e);
        }
    }

    /**
     * PEM key + chain, polled every {@code gatewarden.tls.refresh-interval} and served anew only when they changed
     * ({@link io.gatewarden.webhook.tls.PemFilesCertificate}).
     */
    public static Map<String, Object> certificate(Path certificate, Path key) {
        return Map.of(
                "gatewarden.tls.certificate-path", certificate.toAbsolutePath().toString(),
                "gatewarden.tls.key-path", key.toAbsolutePath().toString());
    }
}
