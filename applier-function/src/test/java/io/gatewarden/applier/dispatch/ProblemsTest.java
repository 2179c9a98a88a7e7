package io.gatewarden.applier.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.allocation.AddressOutsidePoolsException;
import io.gatewarden.applier.allocation.AddressTakenException;
import io.gatewarden.applier.allocation.PoolsUnresolvedException;
import io.gatewarden.applier.allocation.VipPoolExhaustedException;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.lbclient.LoadBalancerRefusedException;
import io.gatewarden.applier.lbclient.LoadBalancerUnavailableException;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.applier.realize.NameCollisionException;
import io.gatewarden.applier.realize.NotRealizableException;
import io.gatewarden.applier.store.LeaseLostException;
import io.gatewarden.applier.store.StoreConflictException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The table in {@code problems.yaml}: every problem the applier meets, and what it comes to. */
class ProblemsTest {

    private static final Map<String, Supplier<ApplierException>> PROBLEMS = Map.ofEntries(
            Map.entry("LoadBalancerUnavailable", () -> new LoadBalancerUnavailableException("503 x3", null)),
            Map.entry("StoreConflict", () -> new StoreConflictException("conflict", null)),
            Map.entry("LeaseLost", () -> new LeaseLostException("lease taken over")),
            Map.entry("LoadBalancerRefused", () -> new LoadBalancerRefusedException("400 bad field")),
            Map.entry("NotRealizable", () -> new NotRealizableException("name longer than 255")),
            Map.entry("NameCollision", () -> new NameCollisionException("name held by demo/x")),
            Map.entry("VipPoolExhausted", () -> new VipPoolExhaustedException("10.0.0.0/30", 2)),
            Map.entry("AddressTaken", () -> new AddressTakenException("10.0.0.1", "10.0.0.0/30",
                    new OwnerKey("c", "Service", "a", "b"))),
            Map.entry("AddressOutsidePools", () -> new AddressOutsidePoolsException("10.9.9.9", "10.0.0.0/30")),
            Map.entry("PoolsUnresolved", () -> new PoolsUnresolvedException("IngressClass x unknown")));

    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> rows() throws Exception {
        try (InputStream in = ProblemsTest.class.getResourceAsStream("problems.yaml")) {
            List<Map<String, Object>> rows = (List<Map<String, Object>>) new Load(LoadSettings.builder().build())
                    .loadFromInputStream(in);
            assertEquals(PROBLEMS.keySet(), rows.stream().map(r -> r.get("problem")).collect(
                    java.util.stream.Collectors.toSet()), "every problem has a row");
            return rows.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aProblem_comesToItsOutcome(Map<String, Object> row) {
        ApplierException problem = PROBLEMS.get((String) row.get("problem")).get();
        Outcome o = Problems.outcome(problem, (Boolean) row.get("held"));

        assertEquals(row.get("status"), o.status() == null ? "none" : o.status().word(), "status");
        assertEquals(row.get("event"), o.warnings().isEmpty() ? "none" : o.warnings().get(0).reason(), "event");
        assertEquals(row.get("released"), o.release(), "released");
        assertEquals(row.get("retried"), o.retry() != null, "retried");
        if (o.status() != null && o.status() != Outcome.Status.FAILED) {
            assertEquals(problem.getMessage(), o.reason(), "the state says why");
            assertEquals(problem.getMessage(), o.warnings().get(0).message(), "so does the Event");
        }
        if (o.retry() != null) {
            assertNotNull(o.retry().getMessage());
            assertEquals(problem, o.retry(), "the problem itself is rethrown");
        }
    }

    @org.junit.jupiter.api.Test
    void childrenWaitingForABuild_areShownTheirParentsRefusalOrFailure_otherProblemsLeaveThemWaiting() {
        Outcome refused = Problems.forWaitingChildren(new NameCollisionException("name held by demo/x")).orElseThrow();
        assertEquals(Outcome.Status.REFUSED, refused.status());
        assertEquals("NameCollision", refused.warnings().get(0).reason());
        assertEquals(null, refused.retry(), "refused: not retried");
        assertEquals(false, refused.release(), "the children hold no address of their own");

        var unavailable = new LoadBalancerUnavailableException("503 x3", null);
        Outcome failed = Problems.forWaitingChildren(unavailable).orElseThrow();
        assertEquals(Outcome.Status.FAILED, failed.status());
        assertEquals("LoadBalancerUnavailable", failed.warnings().get(0).reason());
        assertEquals(unavailable, failed.retry(), "the build job is retried");

        assertEquals(java.util.Optional.empty(), Problems.forWaitingChildren(new StoreConflictException("c", null)));
        assertEquals(java.util.Optional.empty(), Problems.forWaitingChildren(
                new VipPoolExhaustedException("10.0.0.0/30", 2)));
    }
}
