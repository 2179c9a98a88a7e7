package io.gatewarden.applier.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.applier.allocation.OwnerKey;
import io.gatewarden.applier.allocation.ShardPlanner;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.store.DynamoAllocationStore;
import io.gatewarden.applier.store.DynamoShardStore;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.applier.store.TableDefinition;
import io.gatewarden.localaws.DynamoDbLocal;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.manifest.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Event semantics and placement, each test in its own cluster so they share one DynamoDB Local table. */
class ChangeProcessorIT {

    static DynamoDbLocal local;
    static DynamoDbClient ddb;
    static ChangeProcessor processor;
    static DynamoStateStore states;
    static DynamoShardStore shardStore;
    static final AtomicInteger CLUSTERS = new AtomicInteger();
    static final AtomicInteger NETS = new AtomicInteger(100);
    static long clock = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();

    @BeforeAll
    static void start() throws Exception {
        local = new DynamoDbLocal();
        ddb = local.client(8);
        ApplierConfiguration config = new ApplierConfiguration();
        config.setTable("processor-test");
        TableDefinition.createIfMissing(ddb, "processor-test");
        states = new DynamoStateStore(ddb, "processor-test");
        shardStore = new DynamoShardStore(ddb, "processor-test");
        processor = Processors.allocationOnly(ddb, "processor-test", config);
    }

    @AfterAll
    static void stop() throws Exception {
        ddb.close();
        local.close();
    }

    static String cluster() {
        return "c" + CLUSTERS.incrementAndGet();
    }

    static JsonNode yaml(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    static ChangeEvent event(String cluster, ChangeEvent.Operation op, JsonNode object, JsonNode old) {
        JsonNode o = object != null ? object : old;
        String apiVersion = o.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String ns = o.path("metadata").path("namespace").isMissingNode() ? null : o.path("metadata").path("namespace").asText();
        clock += 1000;
        return new ChangeEvent(1, UUID.randomUUID().toString(), cluster, op, group, version, o.path("kind").asText(), ns,
                o.path("metadata").path("name").asText(), "", "", null, Instant.ofEpochMilli(clock).toString(), object, old);
    }

    static ChangeEvent create(String cluster, String json) throws Exception {
        return event(cluster, ChangeEvent.Operation.CREATE, yaml(json), null);
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
    void anOlderEventAfterANewerOne_changesNothing() throws Exception {
        String c = cluster();
        infra(c, 24, "SMALL");
        ChangeEvent older = create(c, gateway("dns", null));
        ChangeEvent newer = event(c, ChangeEvent.Operation.DELETE, null, yaml(gateway("dns", null)));
        assertEquals(ChangeProcessor.Outcome.APPLIED, processor.process(newer));
        assertEquals(ChangeProcessor.Outcome.SKIPPED, processor.process(older));
        assertEquals("Deleted", state(c, "dns").status());
        assertNull(state(c, "dns").vip());
    }

    @Test
    void exhaustion_isPendingWithTheReason_thenDeleteFreesAnAddress() throws Exception {
        String c = cluster();
        String cidr = infra(c, 30, "SMALL"); // two usable addresses
        processor.process(create(c, gateway("a", null)));
        processor.process(create(c, gateway("b", null)));
        assertEquals(ChangeProcessor.Outcome.PENDING, processor.process(create(c, gateway("full", null))));
        assertEquals("VIP pool [" + cidr + "] is exhausted: all 2 usable addresses are allocated",
                state(c, "full").reason());
        String freed = state(c, "a").vip();
        processor.process(event(c, ChangeEvent.Operation.DELETE, null, yaml(gateway("a", null))));
        assertEquals(ChangeProcessor.Outcome.APPLIED, processor.process(create(c, gateway("full", null))));
        assertEquals(freed, state(c, "full").vip());
    }

    @Test
    void staticAddressConflict_leavesTheSecondGatewayPending() throws Exception {
        String c = cluster();
        String cidr = infra(c, 24, "SMALL");
        String ip = cidr.replace("0.0/24", "0.10");
        processor.process(create(c, gateway("first", ip)));
        assertEquals(ip, state(c, "first").vip());
        assertEquals(ChangeProcessor.Outcome.PENDING, processor.process(create(c, gateway("second", ip))));
        assertEquals("static address " + ip + " of pool " + cidr + " is already held by " + c
                + "/Gateway.networking.x-k8s.io/oam/first", state(c, "second").reason());
    }

    @Test
    void tcpAndUdpListeners_shareOneVip_andAGatewayWithAnUnknownClassWaits_untilTheClassArrives() throws Exception {
        String c = cluster();
        assertEquals(ChangeProcessor.Outcome.PENDING, processor.process(create(c, gateway("early", null))));
        assertEquals("GatewayClass avi is not known to the applier yet", state(c, "early").reason());
        infra(c, 24, "SMALL");
        assertEquals("Allocated", state(c, "early").status(), "re-driven when its class was recorded");
        processor.process(create(c, gateway("dns", null)));
        assertEquals("Allocated", state(c, "dns").status());
        assertNotEquals(state(c, "early").vip(), state(c, "dns").vip());
    }

    @Test
    void anIngressBeforeItsClass_isPlacedOnceTheClassIsRecorded() throws Exception {
        String c = cluster();
        assertEquals(ChangeProcessor.Outcome.PENDING, processor.process(create(c, ingress("early", "foo.com"))));
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
        processor.process(event(c, ChangeEvent.Operation.DELETE, null, yaml(ingress("a", "one.example.com",
                "two.example.com"))));
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
        processor.process(event(c, ChangeEvent.Operation.DELETE, null, yaml(ingress("a", "shared.example.com"))));
        assertEquals(vip, new DynamoAllocationStore(ddb, "processor-test").lease(host).orElseThrow().address(),
                "Ingress b still serves the host");
        processor.process(event(c, ChangeEvent.Operation.DELETE, null, yaml(ingress("b", "shared.example.com"))));
        assertTrue(new DynamoAllocationStore(ddb, "processor-test").lease(host).isEmpty(), "the last one released it");
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
