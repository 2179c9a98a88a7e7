package io.gatewarden.webhook.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The Micronaut settings that make the server HTTPS-only with reloadable PEM files. */
public final class WebhookProperties {

    /** Name of the certificate provider the server's SSL uses. */
    public static final String KEY_NAME = "webhook";

    private WebhookProperties() {
    }

    public static Map<String, Object> https(String host, int port) {
        return Map.of(
                "micronaut.server.host", host,
                "micronaut.server.ssl.enabled", true,
                "micronaut.server.ssl.port", port,
                "micronaut.server.dual-protocol", false,
                "micronaut.server.ssl.protocols", List.of("TLSv1.3", "TLSv1.2"),
                "micronaut.server.ssl.key-name", KEY_NAME);
    }

    /** PEM key + chain, re-read on a schedule: cert-manager swaps Secret files by symlink, which watchers miss. */
    public static Map<String, Object> certificate(Path certificate, Path key) {
        String prefix = "micronaut.certificate.file." + KEY_NAME + ".";
        return Map.of(
                prefix + "path", key.toAbsolutePath().toString(),
                prefix + "certificate-path", certificate.toAbsolutePath().toString(),
                prefix + "format", "PEM",
                prefix + "refresh-mode", "SCHEDULER",
                prefix + "refresh-interval", "${gatewarden.tls.refresh-interval:10s}");
    }
}
