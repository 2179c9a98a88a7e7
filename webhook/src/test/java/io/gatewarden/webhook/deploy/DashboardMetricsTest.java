package io.gatewarden.webhook.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.admission.AdmissionReview;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.admission.AdmissionMetrics;
import io.gatewarden.webhook.admission.AdmissionService;
import io.gatewarden.webhook.cluster.StaticViewSource;
import io.gatewarden.webhook.policy.Finding;
import io.gatewarden.webhook.policy.ObjectRef;
import io.gatewarden.webhook.policy.Severity;
import io.gatewarden.webhook.publish.ChangePublisher;
import io.gatewarden.webhook.publish.PublishConfiguration;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Grafana dashboard and the Prometheus alert rules in {@code infra/observability} query only metrics the
 * webhook registers (read from a real Prometheus scrape of its meters), so a rename cannot silently break them.
 */
class DashboardMetricsTest {

    private static final Path OBSERVABILITY = Path.of("..", "infra", "observability");
    private static final Pattern METRIC = Pattern.compile("\\bgatewarden_[a-z_]+");

    /** Metric names as Prometheus scrapes them from the webhook's meters. */
    static Set<String> registered() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AdmissionMetrics metrics = new AdmissionMetrics(registry, new StaticViewSource(List.of(), "test"));
        AdmissionReview.Response denied = new AdmissionReview.Response("u", false, null, null, null, null, null);
        Finding f = new Finding("VIP-001", Severity.ERROR, new ObjectRef("v1", "Service", "ns", "n"),
                FieldPath.root("spec"), "m", null);
        metrics.record("validate", "CREATE", new AdmissionService.Decision(denied, "Service", List.of(f)), 1_000_000);
        metrics.rejected("validate", "not-json");
        new ChangePublisher(Optional.empty(), new PublishConfiguration(), registry); // no queue: no sender thread
        return registry.scrape().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]")[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    static List<String> expressions() throws Exception {
        Load yaml = new Load(LoadSettings.builder().build());
        List<String> exprs = new ArrayList<>();
        Map<?, ?> dashboardMap = (Map<?, ?>) yaml.loadFromString(Files.readString(OBSERVABILITY.resolve("grafana-dashboard.yaml")));
        JsonNode dashboard = Json.mapper().readTree((String) ((Map<?, ?>) dashboardMap.get("data")).get("gatewarden-webhook.json"));
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        JsonNode rules = Json.mapper().valueToTree(yaml.loadFromString(Files.readString(OBSERVABILITY.resolve("prometheus-rules.yaml"))));
        rules.path("spec").path("groups").forEach(g -> g.path("rules").forEach(r -> exprs.add(r.path("expr").asText())));
        return exprs;
    }

    @Test
    void everyQueriedMetric_isOneTheWebhookRegisters() throws Exception {
        Set<String> registered = registered();
        assertTrue(registered.containsAll(List.of("gatewarden_admission_requests_total",
                "gatewarden_admission_latency_seconds_bucket", "gatewarden_publish_failed_total")), registered.toString());
        Set<String> queried = new TreeSet<>();
        for (String expr : expressions()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                queried.add(m.group());
            }
        }
        assertTrue(queried.size() >= 7, queried.toString());
        Set<String> unknown = new TreeSet<>(queried);
        unknown.removeAll(registered);
        assertEquals(Set.of(), unknown, "queried but not registered; registered: " + registered);
    }

    @Test
    void dashboard_hasThePanelsOperatorsAskFor_andTheRulesTheAlerts() throws Exception {
        String all = String.join("\n", expressions());
        for (String needed : List.of("verdict=\"denied\"", "verdict=\"would_deny\"", "histogram_quantile(0.99",
                "histogram_quantile(0.5", "gatewarden_cluster_synced", "gatewarden_publish_failed_total", "by (rule)")) {
            assertTrue(all.contains(needed), needed);
        }
        JsonNode rules = Json.mapper().valueToTree(new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(OBSERVABILITY.resolve("prometheus-rules.yaml"))));
        List<String> alerts = new ArrayList<>();
        rules.path("spec").path("groups").forEach(g -> g.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));
        assertEquals(List.of("GatewardenWebhookNotReady", "GatewardenDenialSpike", "GatewardenAdmissionLatencyHigh",
                "GatewardenPublishFailures"), alerts);
        assertTrue(all.contains("> 0.05"), "p99 over 50 ms");
    }
}
