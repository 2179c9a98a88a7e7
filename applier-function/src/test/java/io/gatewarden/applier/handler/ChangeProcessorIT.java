package io.gatewarden.applier.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.allocation.ShardPlanner;
import io.gatewarden.applier.cluster.InMemoryCluster;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.store.InMemoryTable;
import io.gatewarden.applier.store.ShardStore;
import io.gatewarden.applier.store.StateStore;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.manifest.Json;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Event semantics and placement, orchestration only: an in-memory cluster (the applier's truth) and the in-memory
 * stores, a new pair per test cluster. The DynamoDB stores have their own tests against DynamoDB Local.
 */
class ChangeProcessorIT {

    static ChangeProcessor processor;
    static InMemoryCluster kube;
    static InMemoryTable table;
    static StateStore states;
    static ShardStore shardStore;
    static final AtomicInteger CLUSTERS = new AtomicInteger();
    static final AtomicInteger NETS = new AtomicInteger(100);

    /** A new cluster: its own in-memory API and a processor serving it. */
    static String cluster() {
        String c = "c" + CLUSTERS.incrementAndGet();
        ApplierConfiguration config = new ApplierConfiguration();
        config.setTable("processor-test");
        config.setCluster(c);
        config.setReadWait(java.time.Duration.ofMillis(300));
        kube = new InMemoryCluster(c);
        table = new InMemoryTable();
        states = table.states();
        shardStore = table.shards();
        processor = Processors.inMemory(table, config, kube);
        return c;
    }

    static JsonNode yaml(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    /** The object stored in the cluster, then its hint. */
    static ChangeEvent create(String cluster, String json) throws Exception {
        kube.put(yaml(json));
        return Hints.of(cluster, ChangeEvent.Operation.CREATE, yaml(json));
    }

    /** The object deleted from the cluster, then its hint. */
    static ChangeEvent delete(String cluster, String json) throws Exception {
        kube.remove(yaml(json));
        return Hints.of(cluster, ChangeEvent.Operation.DELETE, yaml(json));
    }

    /** An AviInfraSetting with its own network, an AKO GatewayClass and IngressClass for it. */
    static String infra(String cluster, int prefix, String shardSize) throws Exception {
        String cidr = "10." + NETS.incrementAndGet() + ".0.0/" + prefix;
        processor.process(create(cluster, "{\"apiVersion\":\"ako.vmware.com/v1beta1\",\"kind\":\"AviInfraSetting\","
                + "\"metadata\":{\"name\":\"seg\"},\"spec\":{\"network\":{\"vipNetworks\":[{\"networkName\":\"n\","
                + "\"cidr\":\"" + cidr + "\"}]},\"l7Settings\":{\"shardSize\":\"" + shardSize + "\"}}}"));
        processor.process(create(cluster, "{\"apiVersion\":\"networking.x-k8s.io/v1alpha1\",\"kind\":\"GatewayClass\","
                + "\"metadata\":{\"name\":\"avi\"},\"spec\":{\"controller\":\"ako.vmware.com/avi-lb\",\"parametersRef\":"
                + "{\"group\":\"ako.vmware.com\",\"kind\":\"AviInfraSetting\",\"name\":\"seg\"}}}"));
        processor.process(create(cluster, "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"IngressClass\","
                + "\"metadata\":{\"name\":\"avi\"},\"spec\":{\"controller\":\"ako.vmware.com/avi-lb\",\"parameters\":"
                + "{\"apiGroup\":\"ako.vmware.com\",\"kind\":\"AviInfraSetting\",\"name\":\"seg\"}}}"));
        return cidr;
    }

    static String gateway(String name, String address) {
        return "{\"apiVersion\":\"networking.x-k8s.io/v1alpha1\",\"kind\":\"Gateway\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"oam\"},\"spec\":{\"gatewayClassName\":\"avi\""
                + (address == null ? "" : ",\"addresses\":[{\"type\":\"IPAddress\",\"value\":\"" + address + "\"}]")
                + ",\"listeners\":[{\"protocol\":\"TCP\",\"port\":53},{\"protocol\":\"UDP\",\"port\":53}]}}";
    }

    static ObjectState state(String cluster, String name) {
        return states.load(new OwnerKey(cluster, "Gateway.networking.x-k8s.io", "oam", name)).orElseThrow();
    }

    @Test
    void aStaleCreateAfterTheDelete_changesNothing_theClusterDecides() throws Exception {
        String c = cluster();
        infra(c, 24, "SMALL");
        ChangeEvent older = create(c, gateway("dns", null));
        assertEquals(ChangeProcessor.Result.APPLIED, processor.process(older));
        ChangeEvent newer = delete(c, gateway("dns", null));
        assertEquals(ChangeProcessor.Result.APPLIED, processor.process(newer));
        assertEquals(ChangeProcessor.Result.SKIPPED, processor.process(older), "delivered again, late");
        assertEquals("Deleted", state(c, "dns").status());
        assertNull(state(c, "dns").vip());
    }

    @Test
    void aDeletedStateBesideAnAddress_aRecreateCutShortAfterAllocating_isFreedByTheNextDelete() throws Exception {
        String c = cluster();
        String cidr = infra(c, 24, "SMALL");
        processor.process(create(c, gateway("dns", null)));
        processor.process(delete(c, gateway("dns", null)));
        OwnerKey dns = new OwnerKey(c, "Gateway.networking.x-k8s.io", "oam", "dns");
        // re-created, and its handler cut short right after allocating: the old outcome stays beside the address
        String vip = new io.gatewarden.applier.allocation.VipAllocator(table.allocations())
                .allocate(dns, List.of(io.gatewarden.applier.addresses.VipPool.of(cidr).orElseThrow()), null).address();
        assertEquals("Deleted", state(c, "dns").status());
        assertEquals(vip, state(c, "dns").vip());
        kube.put(yaml(gateway("dns", null)));
        ChangeEvent deletedAgain = delete(c, gateway("dns", null));
        assertEquals(ChangeProcessor.Result.APPLIED, processor.process(deletedAgain), "not taken for a stale hint");
        assertNull(state(c, "dns").vip());
        assertTrue(table.allocations().lease(dns).isEmpty(), "the address went back to its pool");
    }

    @Test
    void forgedHints_changeNothing_aDeleteOfALiveObject_aCreateOfAnAbsentOne_anUpdateOfAnUnchangedOne()
            throws Exception {
        String c = cluster();
        infra(c, 24, "SMALL");
        processor.process(create(c, gateway("dns", null)));
        ObjectState before = state(c, "dns");
        assertEquals(ChangeProcessor.Result.SKIPPED, processor.process(Hints.of(c, ChangeEvent.Operation.DELETE,
                yaml(gateway("dns", null)))));
        assertEquals(ChangeProcessor.Result.SKIPPED, processor.process(Hints.of(c, ChangeEvent.Operation.UPDATE,
                yaml(gateway("dns", null)))));
        assertEquals(ChangeProcessor.Result.SKIPPED, processor.process(Hints.of(c, ChangeEvent.Operation.CREATE,
                yaml(gateway("phantom", null)))));
        assertEquals(before, state(c, "dns"));
        assertTrue(states.load(new OwnerKey(c, "Gateway.networking.x-k8s.io", "oam", "phantom")).isEmpty(),
                "no state, no address for an object the API never had");
    }

    @Test
    void anEventForAnotherCluster_isRefused_notReadAsOurs() throws Exception {
        String c = cluster();
        org.junit.jupiter.api.Assertions.assertThrows(MalformedEventException.class, () -> processor.process(
                Hints.of("elsewhere", ChangeEvent.Operation.CREATE, yaml(gateway("dns", null)))));
    }

    @Test
    void exhaustion_isPendingWithTheReason_thenDeleteFreesAnAddress() throws Exception {
        String c = cluster();
        String cidr = infra(c, 30, "SMALL"); // two usable addresses
        processor.process(create(c, gateway("a", null)));
        processor.process(create(c, gateway("b", null)));
        assertEquals(ChangeProcessor.Result.PENDING, processor.process(create(c, gateway("full", null))));
        assertEquals("VIP pool [" + cidr + "] is exhausted: all 2 usable addresses are allocated",
                state(c, "full").reason());
        String freed = state(c, "a").vip();
        processor.process(delete(c, gateway("a", null)));
        assertEquals(ChangeProcessor.Result.APPLIED, processor.process(create(c, gateway("full", null))));
        assertEquals(freed, state(c, "full").vip());
    }

    @Test
    void staticAddressConflict_leavesTheSecondGatewayPending() throws Exception {
        String c = cluster();
        String cidr = infra(c, 24, "SMALL");
        String ip = cidr.replace("0.0/24", "0.10");
        processor.process(create(c, gateway("first", ip)));
        assertEquals(ip, state(c, "first").vip());
        assertEquals(ChangeProcessor.Result.PENDING, processor.process(create(c, gateway("second", ip))));
        assertEquals("static address " + ip + " of pool " + cidr + " is already held by " + c
                + "/Gateway.networking.x-k8s.io/oam/first", state(c, "second").reason());
    }

    @Test
    void tcpAndUdpListeners_shareOneVip_andAGatewayWithAnUnknownClassWaits_untilTheClassArrives() throws Exception {
        String c = cluster();
        assertEquals(ChangeProcessor.Result.PENDING, processor.process(create(c, gateway("early", null))));
        assertEquals("GatewayClass avi does not exist in the cluster", state(c, "early").reason());
        infra(c, 24, "SMALL");
        assertEquals("Allocated", state(c, "early").status(), "re-driven when its class was recorded");
        processor.process(create(c, gateway("dns", null)));
        assertEquals("Allocated", state(c, "dns").status());
        assertNotEquals(state(c, "early").vip(), state(c, "dns").vip());
    }

    @Test
    void aParentThatCannotBeBuilt_isMarkedItself_andTheMemberThatJoinedItIsAMember() throws Exception {
        String c = cluster();
        infra(c, 24, "SMALL");
        processor.process(create(c, gateway("dns", null)));
        assertEquals("Allocated", state(c, "dns").status());
        processor.process(delete(c, "{\"apiVersion\":\"networking.x-k8s.io/v1alpha1\",\"kind\":\"GatewayClass\","
                + "\"metadata\":{\"name\":\"avi\"}}"));

        processor.process(create(c, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"coredns\","
                + "\"namespace\":\"oam\",\"labels\":{\"ako.vmware.com/gateway-name\":\"dns\","
                + "\"ako.vmware.com/gateway-namespace\":\"oam\"}},\"spec\":{\"ports\":[{\"protocol\":\"UDP\","
                + "\"port\":53}]}}"));

        ObjectState member = states.load(new OwnerKey(c, "Service", "oam", "coredns")).orElseThrow();
        assertEquals("Member", member.status(), "the Service joined; the Gateway is what cannot be built");
        assertNull(member.reason());
        assertEquals("Pending", state(c, "dns").status());
        assertEquals("GatewayClass avi does not exist in the cluster", state(c, "dns").reason());
        String vip = state(c, "dns").vip();
        assertTrue(vip != null, "the Gateway keeps its address while it waits");

        infra(c, 24, "SMALL"); // the class is back: the Gateway waited for it and is re-driven
        assertEquals("Allocated", state(c, "dns").status());
        assertEquals(vip, state(c, "dns").vip());
    }

    @Test
    void anIngressBeforeItsClass_isPlacedOnceTheClassIsRecorded() throws Exception {
        String c = cluster();
        assertEquals(ChangeProcessor.Result.PENDING, processor.process(create(c, ingress("early", "foo.com"))));
        infra(c, 24, "LARGE");
        assertEquals(0, placement(c, "early").path("foo.com").path("shard").asInt(), "foo.com is shard 0 of 8");
    }

    static String ingress(String name, String... hosts) {
        StringBuilder rules = new StringBuilder();
        for (String h : hosts) {
            rules.append(rules.length() == 0 ? "" : ",").append("{\"host\":\"").append(h).append("\",\"http\":{\"paths\":"
                    + "[{\"path\":\"/\",\"pathType\":\"Prefix\",\"backend\":{\"service\":{\"name\":\"web\",\"port\":"
                    + "{\"number\":80}}}}]}}");
        }
        return "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"web\"},\"spec\":{\"ingressClassName\":\"avi\",\"rules\":[" + rules + "]}}";
    }

    static JsonNode placement(String cluster, String ingress) throws Exception {
        return Json.mapper().readTree(states.load(new OwnerKey(cluster, "Ingress.networking.k8s.io", "web", ingress))
                .orElseThrow().detail());
    }

    @Test
    void shardPlacement_equalsAkosForTheReferenceVectors_andStaysWhenShardSizeChanges() throws Exception {
        String c = cluster();
        infra(c, 24, "LARGE");
        processor.process(create(c, ingress("shop", "foo.com", "bar.example.com", "default")));
        JsonNode p = placement(c, "shop");
        assertEquals(0, p.path("foo.com").path("shard").asInt());
        assertEquals(1, p.path("bar.example.com").path("shard").asInt());
        assertEquals(6, p.path("default").path("shard").asInt());
        assertNotEquals(p.path("foo.com").path("vip"), p.path("bar.example.com").path("vip"));

        ShardPlanner planner = new ShardPlanner(shardStore, ApplierConfiguration.Placement.HASH);
        // MEDIUM (4 shards): "default" would move from 6 to 2; nothing moves until asked.
        assertEquals(List.of(new ShardPlanner.Move("default", 6, 2)), planner.plan(c, "seg", 4));
        assertEquals(6, planner.place(c, "seg", "default", 4));
        assertEquals(List.of(new ShardPlanner.Move("default", 6, 2)), planner.rebalance(c, "seg", 4));
        assertEquals(List.of(), planner.plan(c, "seg", 4));
        assertEquals(2, planner.place(c, "seg", "default", 4));
    }

    @Test
    void dedicated_givesEveryHostItsOwnVip_andDeleteReleasesThem() throws Exception {
        String c = cluster();
        infra(c, 29, "DEDICATED"); // six addresses
        processor.process(create(c, ingress("a", "one.example.com", "two.example.com")));
        JsonNode p = placement(c, "a");
        assertEquals("dedicated", p.path("one.example.com").path("shard").asText());
        assertNotEquals(p.path("one.example.com").path("vip"), p.path("two.example.com").path("vip"));
        processor.process(delete(c, ingress("a", "one.example.com", "two.example.com")));
        processor.process(create(c, ingress("b", "three.example.com")));
        String reused = placement(c, "b").path("three.example.com").path("vip").asText();
        // the cursor still has fresh addresses: released ones are reused only after it reached the end
        assertNotEquals("", reused);
    }

    @Test
    void aDedicatedHostsVip_staysWhileAnotherIngressStillHasTheHost() throws Exception {
        String c = cluster();
        infra(c, 29, "DEDICATED");
        processor.process(create(c, ingress("a", "shared.example.com")));
        processor.process(create(c, ingress("b", "shared.example.com")));
        String vip = placement(c, "a").path("shared.example.com").path("vip").asText();
        assertEquals(vip, placement(c, "b").path("shared.example.com").path("vip").asText());
        OwnerKey host = OwnerKey.host(c, "seg", "shared.example.com");
        processor.process(delete(c, ingress("a", "shared.example.com")));
        assertEquals(vip, table.allocations().lease(host).orElseThrow().address(),
                "Ingress b still serves the host");
        processor.process(delete(c, ingress("b", "shared.example.com")));
        assertTrue(table.allocations().lease(host).isEmpty(), "the last one released it");
    }

    @Test
    void leastLoaded_fillsTheEmptiestShard() throws Exception {
        String c = cluster();
        ShardPlanner planner = new ShardPlanner(shardStore, ApplierConfiguration.Placement.LEAST_LOADED);
        assertEquals(0, planner.place(c, "seg", "a.example.com", 4));
        assertEquals(1, planner.place(c, "seg", "b.example.com", 4));
        assertEquals(2, planner.place(c, "seg", "c.example.com", 4));
        assertEquals(0, planner.place(c, "seg", "a.example.com", 4)); // stable
    }
}
