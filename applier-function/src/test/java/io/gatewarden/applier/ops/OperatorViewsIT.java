package io.gatewarden.applier.ops;

import io.gatewarden.applier.handler.DeadLetters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.allocation.VipAllocator;
import io.gatewarden.applier.addresses.VipPool;
import io.gatewarden.applier.store.DynamoAllocationStore;
import io.gatewarden.applier.store.DynamoLinkStore;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.TableDefinition;
import io.gatewarden.localaws.DynamoDbLocal;
import io.gatewarden.localaws.ElasticMq;
import io.gatewarden.model.manifest.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code pools} and {@code dlq} read real servers: DynamoDB Local and ElasticMQ over HTTP on loopback. */
class OperatorViewsIT {

    private static final String TABLE = "gatewarden-allocations";
    private static DynamoDbLocal local;
    private static DynamoDbClient ddb;
    private static ElasticMq sqs;

    @BeforeAll
    static void start() throws Exception {
        local = new DynamoDbLocal();
        ddb = local.client(4);
        TableDefinition.createIfMissing(ddb, TABLE);
        sqs = new ElasticMq();
    }

    @AfterAll
    static void stop() throws Exception {
        ddb.close();
        local.close();
        sqs.close();
    }

    @Test
    void pools_countAddressesInUse_markAPoolAtEightyPercent_andSpreadIngressesOverShards() {
        VipAllocator allocator = new VipAllocator(new DynamoAllocationStore(ddb, TABLE));
        VipPool small = VipPool.of("10.70.0.0/29").orElseThrow(); // 6 usable
        VipPool large = VipPool.of("10.71.0.0/24").orElseThrow(); // 254 usable
        for (int i = 0; i < 5; i++) {
            allocator.allocate(new OwnerKey("prod", "Service", "oam", "svc-" + i), List.of(small), null);
        }
        allocator.allocate(new OwnerKey("prod", "Gateway", "traffic", "dns"), List.of(large), null);
        allocator.allocate(OwnerKey.shard("prod", "seg-web", 0), List.of(large), null);
        DynamoLinkStore links = new DynamoLinkStore(ddb, TABLE);
        links.link(OwnerKey.shard("prod", "seg-web", 0), new OwnerKey("prod", "Ingress", "web", "a"));
        links.link(OwnerKey.shard("prod", "seg-web", 0), new OwnerKey("prod", "Ingress", "web", "b"));
        links.link(OwnerKey.shard("prod", "seg-web", 1), new OwnerKey("prod", "Ingress", "web", "c"));
        links.link(OwnerKey.host("prod", "seg-web", "jobs.example.com"), new OwnerKey("prod", "Ingress", "web", "jobs"));

        PoolReport report = PoolReport.of(TableItems.withPrefixes(ddb, TABLE, PoolReport.PREFIXES));
        PoolReport.Pool s = report.pools().stream().filter(p -> p.cidr().equals("10.70.0.0/29")).findFirst().orElseThrow();
        assertEquals(6, s.size());
        assertEquals(5, s.inUse());
        assertEquals(83, s.percent());
        assertTrue(s.nearlyFull());
        assertEquals(List.of(new PoolReport.OwnerCount("prod/oam", 5)), s.topOwners());
        PoolReport.Pool l = report.pools().stream().filter(p -> p.cidr().equals("10.71.0.0/24")).findFirst().orElseThrow();
        assertEquals(2, l.inUse());
        assertTrue(!l.nearlyFull());
        PoolReport.ShardSetting web = report.settings().stream().filter(x -> x.setting().equals("seg-web")).findFirst()
                .orElseThrow();
        assertEquals(java.util.Map.of("shard 0", 2, "shard 1", 1, "dedicated jobs.example.com", 1),
                web.ingressesPerVirtualService());

        String text = report.text();
        assertTrue(text.contains("10.70.0.0/29           [#################...]  83% !    5/6     prod/oam 5"), text);
        assertTrue(text.contains("! pool at or above 80 % of its addresses"), text);
        assertTrue(text.contains("seg-web          dedicated jobs.example.com: 1, shard 0: 2, shard 1: 1"), text);
        var json = report.json();
        assertEquals("10.70.0.0/29", json.path("pools").get(0).path("cidr").asText());
        assertEquals(83, json.path("pools").get(0).path("percent").asInt());
        assertTrue(json.path("pools").get(0).path("nearlyFull").asBoolean());
        assertEquals(2, json.path("shardSettings").get(0).path("ingressesPerVirtualService").path("shard 0").asInt());
    }

    @Test
    void dlq_listsKeyReceivesAndRecordedFailure_withoutConsuming_thenRedrivesOneKey() throws Exception {
        String source = sqs.fifoQueueWithDeadLetters("ops.fifo", "ops-dlq.fifo", 2, Duration.ofSeconds(30));
        String dlq = sqs.client.getQueueUrl(b -> b.queueName("ops-dlq.fifo")).queueUrl();
        DynamoStateStore states = new DynamoStateStore(ddb, TABLE);
        for (String name : List.of("grafana", "loki")) {
            String body = Json.mapper().createObjectNode().put("eventId", "e-" + name).put("clusterName", "local")
                    .put("operation", "CREATE").put("kind", "Service").put("namespace", "demo-oam").put("name", name)
                    .put("admittedAt", "2026-12-02T10:00:00Z").toString();
            sqs.client.sendMessage(b -> b.queueUrl(dlq).messageBody(body).messageGroupId("local/Service/demo-oam/" + name)
                    .messageDeduplicationId("d-" + name));
        }
        states.recordFailure(new OwnerKey("local", "Service", "demo-oam", "grafana"),
                "LoadBalancerUnavailableException: Avi kept failing: HTTP 503");
        DeadLetters letters = new DeadLetters(sqs.client, dlq, states);

        List<DeadLetters.DeadLetter> listed = letters.list();
        assertEquals(List.of("local/Service/demo-oam/grafana", "local/Service/demo-oam/loki"),
                listed.stream().map(DeadLetters.DeadLetter::key).sorted().toList());
        DeadLetters.DeadLetter grafana = listed.stream().filter(d -> d.key().endsWith("grafana")).findFirst().orElseThrow();
        assertTrue(grafana.lastFailure().orElseThrow().endsWith("LoadBalancerUnavailableException: Avi kept failing: HTTP 503"),
                grafana.lastFailure().toString());
        assertTrue(grafana.receiveCount() >= 1);
        assertEquals(2, letters.list().size(), "listing consumes nothing");

        assertEquals(List.of("local/Service/demo-oam/grafana"),
                letters.redrive(source, d -> d.key().equals("local/Service/demo-oam/grafana")));
        var back = sqs.client.receiveMessage(b -> b.queueUrl(source).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        assertEquals(1, back.size());
        assertEquals("grafana", Json.mapper().readTree(back.get(0).body()).path("name").asText());
        assertEquals(List.of("local/Service/demo-oam/loki"), letters.list().stream().map(DeadLetters.DeadLetter::key).toList());
    }
}
