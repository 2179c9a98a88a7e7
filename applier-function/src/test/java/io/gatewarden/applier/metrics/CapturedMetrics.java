package io.gatewarden.applier.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.manifest.Json;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/** An EMF environment whose sink keeps the lines (as the Lambda runtime's log would), for assertions. */
public final class CapturedMetrics implements Environment {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** Installs a fresh capture as the process's metrics and returns it. */
    public static CapturedMetrics install() {
        CapturedMetrics captured = new CapturedMetrics();
        ApplierMetrics.install(new ApplierMetrics(captured));
        return captured;
    }

    public List<JsonNode> lines() {
        return lines.stream().map(l -> {
            try {
                return Json.mapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }

    /** Lines that carry {@code metric}. */
    public List<JsonNode> of(String metric) {
        return lines().stream().filter(l -> l.has(metric)).toList();
    }

    @Override
    public boolean probe() {
        return true;
    }

    @Override
    public String getName() {
        return "test";
    }

    @Override
    public String getType() {
        return "test";
    }

    @Override
    public String getLogGroupName() {
        return "test";
    }

    @Override
    public void configureContext(MetricsContext context) {
    }

    @Override
    public ISink getSink() {
        return new ISink() {
            @Override
            public void accept(MetricsContext context) {
                try {
                    lines.addAll(context.serialize());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public CompletableFuture<Void> shutdown() {
                return CompletableFuture.completedFuture(null);
            }
        };
    }
}
