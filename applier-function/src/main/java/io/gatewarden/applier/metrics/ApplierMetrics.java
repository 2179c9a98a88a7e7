package io.gatewarden.applier.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * The applier's CloudWatch metrics, written as Embedded Metric Format log lines (aws-embedded-metrics): recorded
 * while a batch runs, flushed once at its end, one line per metric and dimension set. In Lambda the lines go to
 * the function's log group, where CloudWatch turns them into metrics; the local stack prints them.
 *
 * <p>Metrics (namespace {@value #NAMESPACE}): {@code Outcomes} (Count; Kind, Outcome), {@code AdmissionToApplied}
 * (Milliseconds; Kind), {@code ControllerCalls} and {@code ControllerErrors} (Count; Controller, Status),
 * {@code PoolAddressesInUse}, {@code PoolAddressesFree} (Count; Pool), {@code PoolUsePercent} (Percent; Pool),
 * {@code ParentBuilds} (Count; Kind).
 *
 * <p>The environment is fixed to Lambda's (standard output): the library's own detection would probe the EC2 and
 * ECS metadata endpoints, which the applier must not call.
 */
public final class ApplierMetrics {

    public static final String NAMESPACE = "Gatewarden/Applier";

    private record Key(String metric, Unit unit, Map<String, String> dimensions) {
    }

    private static volatile ApplierMetrics current = new ApplierMetrics(new LambdaEnvironment());

    private final Environment environment;
    private final Map<Key, ConcurrentLinkedQueue<Double>> values = new ConcurrentHashMap<>();

    public ApplierMetrics(Environment environment) {
        this.environment = environment;
    }

    /** The process's metrics (one Lambda sandbox, or the local stack). */
    public static ApplierMetrics current() {
        return current;
    }

    /** Replaces the process's metrics (tests capture the lines this way). */
    public static void install(ApplierMetrics metrics) {
        current = metrics;
    }

    public void outcome(String kind, String outcome) {
        add("Outcomes", Unit.COUNT, 1, Map.of("Kind", kind, "Outcome", outcome));
    }

    public void admissionToApplied(String kind, Duration latency) {
        add("AdmissionToApplied", Unit.MILLISECONDS, latency.toMillis(), Map.of("Kind", kind));
    }

    /** One HTTP exchange with a controller; {@code status} is the HTTP status, or "unreachable". */
    public void controllerCall(String controller, String status) {
        add("ControllerCalls", Unit.COUNT, 1, Map.of("Controller", controller, "Status", status));
        boolean error = !status.chars().allMatch(Character::isDigit) || Integer.parseInt(status) >= 400;
        if (error) {
            add("ControllerErrors", Unit.COUNT, 1, Map.of("Controller", controller, "Status", status));
        }
    }

    public void pool(String pool, long inUse, long free, int percent) {
        add("PoolAddressesInUse", Unit.COUNT, inUse, Map.of("Pool", pool));
        add("PoolAddressesFree", Unit.COUNT, free, Map.of("Pool", pool));
        add("PoolUsePercent", Unit.PERCENT, percent, Map.of("Pool", pool));
    }

    public void parentBuild(String kind) {
        add("ParentBuilds", Unit.COUNT, 1, Map.of("Kind", kind));
    }

    private void add(String metric, Unit unit, double value, Map<String, String> dimensions) {
        values.computeIfAbsent(new Key(metric, unit, dimensions), k -> new ConcurrentLinkedQueue<>()).add(value);
    }

    /** Writes what was recorded, one EMF line per metric and dimension set, and starts over. */
    public void flush(String requestId) {
        List<Key> keys = new ArrayList<>(values.keySet());
        for (Key key : keys) {
            ConcurrentLinkedQueue<Double> recorded = values.remove(key);
            if (recorded == null || recorded.isEmpty()) {
                continue;
            }
            MetricsLogger logger = new MetricsLogger(environment);
            logger.setNamespace(NAMESPACE);
            DimensionSet dims = new DimensionSet();
            key.dimensions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(d -> dims.addDimension(d.getKey(), d.getValue()));
            logger.setDimensions(dims);
            boolean counter = key.unit() == Unit.COUNT && !key.metric().startsWith("Pool");
            if (counter) {
                logger.putMetric(key.metric(), recorded.stream().mapToDouble(Double::doubleValue).sum(), key.unit());
            } else {
                recorded.forEach(v -> logger.putMetric(key.metric(), v, key.unit()));
            }
            if (requestId != null) {
                logger.putProperty("requestId", requestId);
            }
            logger.flush();
        }
    }
}
