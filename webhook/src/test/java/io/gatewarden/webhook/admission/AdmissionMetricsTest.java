package io.gatewarden.webhook.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.model.admission.AdmissionReview;
import io.gatewarden.webhook.cluster.StaticViewSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Forged reviews cannot grow the metrics: labels take values from fixed sets only. */
class AdmissionMetricsTest {

    private static long series(PrometheusMeterRegistry registry) {
        return registry.scrape().lines().filter(l -> l.startsWith("gatewarden_admission_requests_total{")).count();
    }

    @Test
    void threeThousandRandomReviews_keepTheSeriesCountConstant() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AdmissionMetrics metrics = new AdmissionMetrics(registry, new StaticViewSource(List.of(), "test"));
        Random random = new Random(42);
        List<String> operations = List.of("CREATE", "UPDATE", "DELETE", "CONNECT");
        List<String> kinds = List.of("Service", "Gateway", "Ingress");
        List<String> modes = List.of("enforce", "warn", "none");
        AdmissionReview.Response allowed = new AdmissionReview.Response("u", true, null, null, null, null, null);
        AdmissionReview.Response denied = new AdmissionReview.Response("u", false, null, null, null, null, null);
        for (int i = 0; i < 200; i++) { // every legitimate combination first
            metrics.record(i % 2 == 0 ? "validate" : "mutate", operations.get(i % 4),
                    new AdmissionService.Decision(i % 3 == 0 ? denied : allowed, kinds.get(i % 3), List.of(),
                            modes.get(i % 3)), 1000);
        }
        long before = series(registry);
        for (int i = 0; i < 3000; i++) { // forged: random kinds and operations
            String forged = UUID.randomUUID().toString();
            metrics.record(random.nextBoolean() ? "validate" : "mutate", random.nextBoolean() ? forged : "CREATE",
                    new AdmissionService.Decision(random.nextBoolean() ? denied : allowed,
                            random.nextBoolean() ? forged : "Service", List.of(), modes.get(random.nextInt(3))), 1000);
        }
        long after = series(registry);
        assertTrue(after - before <= 2 * 2 * 3 * 5, "at most the 'other' combinations appear: " + before + " -> " + after);
        String scrape = registry.scrape();
        assertTrue(scrape.contains("kind=\"other\""), "forged kinds count as other");
        assertTrue(scrape.contains("operation=\"other\""));
        assertTrue(scrape.lines().noneMatch(l -> l.matches(".*[0-9a-f]{8}-[0-9a-f]{4}-.*")), "no forged value is a label");
        long settled = series(registry);
        for (int i = 0; i < 3000; i++) {
            metrics.record("validate", UUID.randomUUID().toString(), new AdmissionService.Decision(denied,
                    UUID.randomUUID().toString(), List.of(), "enforce"), 1000);
        }
        assertEquals(settled, series(registry), "a second storm of forged reviews adds no series");
    }
}
