package io.gatewarden.webhook.admission;

import io.gatewarden.webhook.cluster.ClusterViewSource;
import io.gatewarden.webhook.policy.Finding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import io.gatewarden.model.manifest.KindRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Prometheus metrics: requests by endpoint, operation, kind, mode and verdict; a latency histogram; findings by rule;
 * whether the cluster view is synced. Every label takes values from a fixed set (kinds Gatewarden models, the four
 * operations, else {@code other}), never from names or namespaces, so forged reviews cannot grow the series.
 */
@Singleton
public class AdmissionMetrics {

    static final String OTHER = "other";
    static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");
    static final Set<String> KINDS = KindRegistry.entries().stream().map(KindRegistry.Entry::kind)
            .collect(Collectors.toUnmodifiableSet());

    private final MeterRegistry registry;
    private final Timer latency;

    public AdmissionMetrics(MeterRegistry registry, ClusterViewSource views) {
        this.registry = registry;
        this.latency = Timer.builder("gatewarden.admission.latency")
                .description("Time to decide one AdmissionReview")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        Gauge.builder("gatewarden.cluster.synced", views, v -> v.synced() ? 1 : 0)
                .description("1 once the cluster view holds the cluster's state").register(registry);
    }

    public void record(String endpoint, String operation, AdmissionService.Decision d, long nanos) {
        // would_deny: allowed although error findings stand, which only warn mode does: what enforce would refuse
        String verdict = !d.response().allowed() ? "denied"
                : d.findings().stream().anyMatch(Finding::isError) ? "would_deny" : "allowed";
        Counter.builder("gatewarden.admission.requests").description("AdmissionReviews answered")
                .tags("endpoint", endpoint, "operation", OPERATIONS.contains(operation) ? operation : OTHER,
                        "kind", KINDS.contains(d.kind()) ? d.kind() : OTHER, "mode", d.mode(), "verdict", verdict)
                .register(registry).increment();
        latency.record(Duration.ofNanos(nanos));
        for (Finding f : d.findings()) {
            Counter.builder("gatewarden.findings").description("Findings reported, by rule")
                    .tags("rule", f.rule(), "severity", f.severity().label()).register(registry).increment();
        }
    }

    public void rejected(String endpoint, String reason) {
        Counter.builder("gatewarden.admission.bad_requests").description("Bodies answered with HTTP 4xx")
                .tags("endpoint", endpoint, "reason", reason).register(registry).increment();
    }
}
