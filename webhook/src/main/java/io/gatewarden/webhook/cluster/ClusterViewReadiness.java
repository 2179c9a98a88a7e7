package io.gatewarden.webhook.cluster;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/** Ready only once the cluster view has synced: before that, findings could miss referenced objects. */
@Singleton
@Readiness
public class ClusterViewReadiness implements HealthIndicator {

    private final ClusterViewSource source;

    public ClusterViewReadiness(ClusterViewSource source) {
        this.source = source;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("clusterView", source.synced() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("source", source.describe())).build());
    }
}
