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
 * <p>Metrics (namespace {@value #NAMESPACE}; dimension sets in brackets, the later ones roll-ups the Terraform
 * alarms use): {@code Outcomes} (Count; [Kind, Outcome], [Outcome]), {@code AdmissionToApplied} (Milliseconds;
 * [Kind]), {@code ControllerCalls} (Count; [Controller, Status]), {@code ControllerErrors} (Count; [Controller,
 * Status], [Controller]), {@code PoolAddressesInUse} and {@code PoolAddressesFree} (Count; [Pool]),
 * {@code PoolUsePercent} (Percent; [Pool], [] — the fullest pool), {@code ParentBuilds} (Count; [Kind], the load
 * balancer).
 *
 * <p>The environment is fixed to Lambda's (standard output): the library's own detection would probe the EC2 and
 * ECS metadata endpoints, which the applier must not call.
 */
public final class ApplierMetrics {

    public static final String NAMESPACE = "Gatewarden/Applier";
    /** Every metric name this class writes (alarms and dashboards are tested against it). */
    public static final List<String> METRICS = List.of("Outcomes", "AdmissionToApplied", "ControllerCalls",
            "ControllerErrors", "PoolAddressesInUse", "PoolAddressesFree", "PoolUsePercent", "ParentBuilds");

    /** A metric and its dimension sets: the first holds every dimension, the others are roll-ups alarms can use. */
    private record Key(String metric, Unit unit, List<Map<String, String>> dimensions) {
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
        add("Outcomes", Unit.COUNT, 1, Map.of("Kind", kind, "Outcome", outcome), Map.of("Outcome", outcome));
    }

    public void admissionToApplied(String kind, Duration latency) {
        add("AdmissionToApplied", Unit.MILLISECONDS, latency.toMillis(), Map.of("Kind", kind));
    }

    /** One HTTP exchange with a controller; {@code status} is the HTTP status, or "unreachable". */
    public void controllerCall(String controller, String status) {
        add("ControllerCalls", Unit.COUNT, 1, Map.of("Controller", controller, "Status", status));
        boolean error = !status.chars().allMatch(Character::isDigit) || Integer.parseInt(status) >= 400;
        if (error) {
            add("ControllerErrors", Unit.COUNT, 1, Map.of("Controller", controller, "Status", status),
                    Map.of("Controller", controller));
        }
    }

    public void pool(String pool, long inUse, long free, int percent) {
        add("PoolAddressesInUse", Unit.COUNT, inUse, Map.of("Pool", pool));
        add("PoolAddressesFree", Unit.COUNT, free, Map.of("Pool", pool));
        add("PoolUsePercent", Unit.PERCENT, percent, Map.of("Pool", pool), Map.of()); // no dimension: the fullest pool
    }

    public void parentBuild(String kind) {
        add("ParentBuilds", Unit.COUNT, 1, Map.of("Kind", kind));
    }

    @SafeVarargs
    private void add(String metric, Unit unit, double value, Map<String, String>... dimensionSets) {
        values.computeIfAbsent(new Key(metric, unit, List.of(dimensionSets)), k -> new ConcurrentLinkedQueue<>())
                .add(value);
    }

    private static DimensionSet dimensionSet(Map<String, String> dimensions) {
        DimensionSet set = new DimensionSet();
        dimensions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(d -> set.addDimension(d.getKey(), d.getValue()));
        return set;
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
            logger.setDimensions(key.dimensions().stream().map(ApplierMetrics::dimensionSet).toArray(DimensionSet[]::new));
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
