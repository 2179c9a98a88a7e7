package io.gatewarden.applier.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.applier.addresses.VipPool;
import io.gatewarden.applier.allocation.VipAllocator;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.lbclient.LoadBalancerRefusedException;
import io.gatewarden.applier.lbclient.LoadBalancerUnavailableException;
import io.gatewarden.applier.outcome.Change;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.applier.outcome.Shown;
import io.gatewarden.applier.status.StatusReporter;
import io.gatewarden.applier.store.InMemoryTable;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one writer of outcomes, on in-memory stores: what it writes, and in which order. */
class OutcomeWriterTest {

    private final InMemoryTable table = new InMemoryTable();
    private final List<String> shown = new ArrayList<>();
    private final OwnerKey owner = new OwnerKey("c", "Service", "shop", "web");
    private final VipPool pool = VipPool.of("10.50.0.0/29").orElseThrow();
    /** Notes what the object was shown, with the state and lease as they were at that moment. */
    private final StatusReporter status = new StatusReporter() {
        @Override
        public void serviceVip(String namespace, String name, String ip) {
            shown.add("vip " + namespace + "/" + name + " " + ip + " " + seen());
        }

        @Override
        public void ingressVips(String namespace, String name, List<String> ips) {
            shown.add("ingress " + namespace + "/" + name + " " + ips);
        }

        @Override
        public void gateway(String group, String version, String namespace, String name, String ip, long generation,
                List<GatewayCondition> conditions, List<ListenerState> listeners) {
            shown.add("gateway " + name);
        }

        @Override
        public void warning(String apiVersion, String kind, String namespace, String name, String reason,
                String message) {
            shown.add("event " + kind + " " + namespace + "/" + name + " " + reason + ": " + message + " " + seen());
        }

        private String seen() {
            return "[state " + table.states().load(owner).map(ObjectState::status).orElse("none") + ", lease "
                    + table.allocations().lease(owner).map(l -> l.address()).orElse("none") + "]";
        }
    };
    private final OutcomeWriter writer = new OutcomeWriter(table.states(), table.allocations(), status);

    @Test
    void aRealizedOutcome_isStoredFirst_thenShown() {
        String vip = new VipAllocator(table.allocations()).allocate(owner, List.of(pool), null).address();

        writer.write(change(Optional.empty()), Outcome.realized(Outcome.Status.APPLIED, vip, new Shown.ServiceVip(vip)));

        assertEquals("Applied", table.states().load(owner).orElseThrow().status());
        assertEquals(List.of("vip shop/web " + vip + " [state Applied, lease " + vip + "]"), shown);
    }

    @Test
    void aRefusal_ofAnAddressTakenForThisAttempt_isShownBeforeTheAddressIsFreed() {
        String vip = new VipAllocator(table.allocations()).allocate(owner, List.of(pool), null).address();

        writer.write(change(Optional.empty()), Problems.outcome(new LoadBalancerRefusedException("400 bad port"),
                false));

        ObjectState s = table.states().load(owner).orElseThrow();
        assertEquals("Refused", s.status());
        assertEquals("400 bad port", s.reason());
        assertEquals(List.of("event Service shop/web LoadBalancerRefused: 400 bad port [state Refused, lease " + vip
                + "]"), shown, "the Event goes out after the state, while the address is still held");
        assertTrue(table.allocations().lease(owner).isEmpty(), "then the address is freed");
    }

    @Test
    void anUnavailableController_isRecordedAsFailed_thenRetried() {
        var problem = new LoadBalancerUnavailableException("503 after 3 attempts", null);

        var thrown = assertThrows(LoadBalancerUnavailableException.class,
                () -> writer.write(change(Optional.empty()), Problems.outcome(problem, false)));

        assertSame(problem, thrown);
        assertEquals("Failed", table.states().load(owner).orElseThrow().status());
        assertTrue(shown.isEmpty());
    }

    @Test
    void aProblemToRetryAsItIs_writesNothing() {
        var problem = new io.gatewarden.applier.store.StoreConflictException("conflict", null);

        assertThrows(io.gatewarden.applier.store.StoreConflictException.class,
                () -> writer.write(change(Optional.empty()), Problems.outcome(problem, false)));

        assertTrue(table.states().load(owner).isEmpty());
        assertTrue(shown.isEmpty());
    }

    @Test
    void aDeletion_freesWhatTheObjectHeld_afterItsOutcomeIsStored() {
        String vip = new VipAllocator(table.allocations()).allocate(owner, List.of(pool), null).address();
        table.states().setOutcome(owner, "Applied", null, null, false);
        Optional<ObjectState> before = table.states().load(owner);

        writer.write(new Change(owner, null, before, null), Outcome.of(Outcome.Status.DELETED)
                .freeingWhatItHeld(before));

        assertEquals("Deleted", table.states().load(owner).orElseThrow().status());
        assertTrue(table.allocations().lease(owner).isEmpty(), vip + " is free again");
    }

    @Test
    void settlingAChild_changesOnlyAChildStillWaiting_andShowsItsPlacementsVips() {
        OwnerKey waiting = new OwnerKey("c", "Ingress.networking.k8s.io", "shop", "waiting");
        OwnerKey moved = new OwnerKey("c", "Ingress.networking.k8s.io", "shop", "moved");
        String placement = "{\"a.shop\":{\"shard\":0,\"vip\":\"10.50.0.1\"},\"b.shop\":{\"shard\":0,"
                + "\"vip\":\"10.50.0.1\"},\"c.shop\":{\"shard\":1,\"vip\":\"10.50.0.2\"}}";
        table.states().record(waiting, "Allocated", placement, List.of(), "u1", "d1");
        table.states().record(moved, "Pending", null, List.of(), "u2", "d2");
        Outcome applied = Outcome.realized(Outcome.Status.APPLIED, null, new Shown.PlacementVips());

        assertTrue(writer.settle(waiting, "networking.k8s.io/v1", "Ingress", Set.of("Allocated"), applied));
        assertFalse(writer.settle(moved, "networking.k8s.io/v1", "Ingress", Set.of("Allocated"), applied));

        assertEquals("Applied", table.states().load(waiting).orElseThrow().status());
        assertEquals("Pending", table.states().load(moved).orElseThrow().status(), "it changed since: left alone");
        assertEquals(List.of("ingress shop/waiting [10.50.0.1, 10.50.0.2]"), shown);
    }

    private Change change(Optional<ObjectState> before) {
        KubernetesObject svc = Json.mapper().convertValue(Map.of("apiVersion", "v1", "kind", "Service",
                "metadata", Map.of("namespace", "shop", "name", "web", "uid", "u-1"),
                "spec", Map.of("type", "LoadBalancer")), io.gatewarden.model.k8s.Service.class);
        return new Change(owner, svc, before, "digest");
    }
}
