package io.gatewarden.webhook.server;

import io.gatewarden.webhook.cluster.ClusterViewSource;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/**
 * Ready only once the cluster view has synced (before that, findings could miss referenced objects) and the JIT
 * warm-up has run (before that, every review is slow).
 */
@Singleton
@Readiness
public class ClusterViewReadiness implements HealthIndicator {

    private final ClusterViewSource source;
    private final io.gatewarden.webhook.admission.Warmup warmup;

    public ClusterViewReadiness(ClusterViewSource source, io.gatewarden.webhook.admission.Warmup warmup) {
        this.source = source;
        this.warmup = warmup;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean synced = source.synced();
        return Publishers.just(HealthResult.builder("clusterView",
                        synced && warmup.done() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("source", source.describe(), "synced", synced, "warmedUp", warmup.done(),
                        "incomplete", source.incompleteReason().orElse(""))).build());
    }
}
