package io.gatewarden.applier.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The EMF lines' schema: namespace, one dimension set, metric names with units, values at the top level. */
class ApplierMetricsTest {

    @AfterEach
    void restore() {
        ApplierMetrics.install(new ApplierMetrics(new software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment()));
    }

    static JsonNode directive(JsonNode line) {
        return line.path("_aws").path("CloudWatchMetrics").get(0);
    }

    static List<String> dimensions(JsonNode line) {
        return StreamSupport.stream(directive(line).path("Dimensions").get(0).spliterator(), false)
                .map(JsonNode::asText).sorted().toList();
    }

    @Test
    void eachMetric_isOneEmfLine_withItsNamespaceDimensionsAndUnit() {
        CapturedMetrics captured = CapturedMetrics.install();
        ApplierMetrics m = ApplierMetrics.current();
        m.outcome("Service", "Applied");
        m.outcome("Service", "Applied");
        m.outcome("Ingress", "Pending");
        m.admissionToApplied("Service", Duration.ofMillis(850));
        m.admissionToApplied("Service", Duration.ofMillis(1200));
        m.controllerCall("Avi", "200");
        m.controllerCall("Avi", "503");
        m.controllerCall("loxilb", "unreachable");
        m.pool("10.50.1.0/28", 12, 2, 86);
        m.parentBuild("AVI");
        m.flush("req-1");

        List<JsonNode> outcomes = captured.of("Outcomes");
        assertEquals(2, outcomes.size());
        JsonNode applied = outcomes.stream().filter(l -> l.path("Kind").asText().equals("Service")).findFirst().orElseThrow();
        assertEquals(2, applied.path("Outcomes").asInt());
        assertEquals("Applied", applied.path("Outcome").asText());
        assertEquals("Gatewarden/Applier", directive(applied).path("Namespace").asText());
        assertEquals(List.of("Kind", "Outcome"), dimensions(applied));
        assertEquals("[\"Outcome\"]", directive(applied).path("Dimensions").get(1).toString()); // for the alarms
        assertEquals("Count", directive(applied).path("Metrics").get(0).path("Unit").asText());
        assertEquals("req-1", applied.path("requestId").asText());
        assertTrue(applied.path("_aws").path("Timestamp").asLong() > 0);

        JsonNode latency = captured.of("AdmissionToApplied").get(0);
        assertEquals("Milliseconds", directive(latency).path("Metrics").get(0).path("Unit").asText());
        assertEquals(List.of(850, 1200), StreamSupport.stream(latency.path("AdmissionToApplied").spliterator(), false)
                .map(JsonNode::asInt).toList());
        assertEquals(List.of("Kind"), dimensions(latency));

        assertEquals(3, captured.of("ControllerCalls").size());
        List<JsonNode> errors = captured.of("ControllerErrors");
        assertEquals(List.of("503", "unreachable"), errors.stream().map(l -> l.path("Status").asText()).sorted().toList());
        assertEquals(List.of("Controller", "Status"), dimensions(errors.get(0)));
        assertEquals("[\"Controller\"]", directive(errors.get(0)).path("Dimensions").get(1).toString());

        JsonNode use = captured.of("PoolUsePercent").get(0);
        assertEquals("Percent", directive(use).path("Metrics").get(0).path("Unit").asText());
        assertEquals(86, use.path("PoolUsePercent").asInt());
        assertEquals("10.50.1.0/28", use.path("Pool").asText());
        assertEquals("[]", directive(use).path("Dimensions").get(1).toString()); // the fullest pool, for the alarm
        assertEquals(12, captured.of("PoolAddressesInUse").get(0).path("PoolAddressesInUse").asInt());
        assertEquals(2, captured.of("PoolAddressesFree").get(0).path("PoolAddressesFree").asInt());
        assertEquals(1, captured.of("ParentBuilds").get(0).path("ParentBuilds").asInt());

        int before = captured.lines().size();
        m.flush(null);
        assertEquals(before, captured.lines().size(), "a flush starts over: nothing is written twice");
    }
}
