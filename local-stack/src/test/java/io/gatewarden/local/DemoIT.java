package io.gatewarden.local;

import io.gatewarden.local.stack.LocalStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import inet.ipaddr.IPAddressString;
import io.gatewarden.applier.allocation.ShardPlacement;
import io.gatewarden.local.demo.Demo;
import io.gatewarden.local.demo.DemoResult;
import io.gatewarden.local.demo.DemoTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo end to end, as {@code ./gatewarden demo} runs it: the example manifests through the webhook over
 * HTTPS, the queue, the applier and both emulators, all on loopback. Asserts the table: which objects were
 * refused and why, the VIPs and shards assigned, and what each emulator holds.
 */
class DemoIT {

    static LocalStack stack;
    static DemoResult result;
    static String table;

    @BeforeAll
    static void runDemo() throws Exception {
        stack = LocalStack.start(LocalStack.Options.defaults(null, 0));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        result = new Demo(stack.endpoints(), new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run(List.of("../infra/examples/demo"), Duration.ofSeconds(120));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoTable.print(result, true, new PrintStream(out, true, StandardCharsets.UTF_8));
        table = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static boolean inside(String cidr, String ip) {
        return ip != null && new IPAddressString(cidr).getAddress().contains(new IPAddressString(ip).getAddress());
    }

    @Test
    void theBrokenObjects_areRefusedWithTheirRule() {
        assertEquals(Map.of("Gateway demo-oam/metrics", "AVI-GW-001", "Service demo-signaling/dns-backup", "AVI-SVC-004",
                "TCPRoute demo-edge/edge-unnamed", "RT-004", "Ingress demo-web/legacy", "ING-001"),
                result.refused().stream().collect(Collectors.toMap(r -> r.kind() + " " + r.namespace() + "/" + r.name(),
                        r -> r.message().substring(r.message().lastIndexOf('[') + 1, r.message().lastIndexOf(']')))));
        assertTrue(table.contains("Refused by the webhook (4):"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("Gateway demo-edge/edge-dns") && l.contains("Applied")
                && l.contains("loxilb rules [TCP-53 (2 members), UDP-53 (2 members)]")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("Service demo-oam/grafana")
                && l.contains("(setting seg-oam injected)")), table);
        assertTrue(table.contains("admission → VIP: n=27 p50 "), table);
    }

    /**
     * Reviews posted to the webhook by someone other than the API server: a DELETE of a Service that still exists,
     * an UPDATE that changes nothing, a CREATE of a Service the API server never stored. The webhook allows and
     * publishes them; the applier reads the cluster, finds nothing to do, and neither the table nor either
     * controller changes.
     */
    @Test
    void forgedReviews_changeNeitherTheTableNorTheControllers() throws Exception {
        assertTrue(result.complete(), table);
        String before = snapshot();
        var webhook = new io.gatewarden.local.demo.AdmissionClient(stack.endpoints().webhook(),
                stack.endpoints().caCertificate());
        try (var kube = io.gatewarden.kubeapi.KubernetesApiServer.clientFor(stack.endpoints().kubernetes())) {
            JsonNode grafana = io.gatewarden.model.manifest.Json.mapper().valueToTree(kube.services()
                    .inNamespace("demo-oam").withName("grafana").get());
            JsonNode dns = io.gatewarden.model.manifest.Json.mapper().valueToTree(kube.genericKubernetesResources(
                    "networking.x-k8s.io/v1alpha1", "Gateway").inNamespace("demo-signaling").withName("dns").get());
            ObjectNode phantom = grafana.deepCopy(); // a LoadBalancer Service the API server never stored
            ((ObjectNode) phantom.path("metadata")).put("name", "phantom").remove(List.of("uid", "resourceVersion"));
            phantom.remove("status");
            for (JsonNode answer : List.of(webhook.validateOnly("DELETE", null, grafana),
                    webhook.validateOnly("UPDATE", dns, dns), webhook.validateOnly("CREATE", phantom, null))) {
                assertTrue(answer.path("allowed").asBoolean(), answer.toString());
            }
        }
        Thread.sleep(4000); // published, received, read again for up to read-wait (2 s), then found unchanged
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline && !queueEmpty()) {
            Thread.sleep(200);
        }
        assertEquals(before, snapshot());
    }

    private static boolean queueEmpty() {
        var a = stack.sqs().client.getQueueAttributes(b -> b.queueUrl(stack.endpoints().queueUrl())
                .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings();
        return "0".equals(a.get("ApproximateNumberOfMessages")) && "0".equals(a.get("ApproximateNumberOfMessagesNotVisible"));
    }

    /** Every state in the table and every object on both controllers, as text. */
    private static String snapshot() {
        StringBuilder out = new StringBuilder();
        try (var ddb = io.gatewarden.local.ops.OpsTarget.localDynamoDb(stack.endpoints())) {
            new io.gatewarden.applier.store.DynamoStateStore(ddb, stack.endpoints().table()).all(stack.endpoints()
                    .cluster()).stream().map(Object::toString).sorted().forEach(l -> out.append(l).append('\n'));
        }
        for (String type : List.of("vsvip", "pool", "l4policyset", "httppolicyset", "virtualservice")) {
            stack.avi().objects(type).stream().map(Object::toString).sorted().forEach(l -> out.append(l).append('\n'));
        }
        stack.loxilb().rules().stream().map(Object::toString).sorted().forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** What a user of the stack sees: kubectl against its Kubernetes API lists the VIPs the applier wrote. */
    @Test
    void kubectlAgainstTheStack_showsTheVipsOfTheTable() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(kubectl(), "kubectl is not on the PATH");
        Process p = new ProcessBuilder("kubectl", "--kubeconfig", stack.endpoints().kubeconfig().toString(), "get",
                "svc,gateways,ingresses", "-A").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        for (DemoResult.Row r : result.rows()) {
            if (r.kind().equals("Gateway") && r.namespace().equals("demo-edge")) {
                continue; // gateways resolves to the first group that serves it: networking.x-k8s.io
            }
            assertTrue(out.lines().anyMatch(l -> l.startsWith(r.namespace() + " ") && l.contains("/" + r.name() + " ")
                    && l.contains(r.vip())), r.object() + " with " + r.vip() + " in:\n" + out);
        }
    }

    private static boolean kubectl() {
        try {
            return new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void everyAdmittedObject_isApplied_withinTheTimeout() {
        assertTrue(result.complete(), table);
        assertEquals(57, result.sent()); // 40-loxilb.yaml has its routes' backend Service
        assertEquals(27, result.rows().size());
        result.rows().forEach(r -> assertEquals("Applied", r.status(), r.object() + ": " + r.reason()));
        assertEquals(27, result.latencies().size());
        assertTrue(result.percentile(50) <= result.percentile(99));
    }

    @Test
    void segmentedGateways_getOneVipEach_fromTheirSegment_withTcpAndUdpOnIt() {
        Map<String, String> segments = Map.of("demo-oam/syslog", "10.50.1.0/28", "demo-signaling/dns", "10.50.2.0/28",
                "demo-traffic/sip", "10.50.3.0/27");
        segments.forEach((gw, cidr) -> {
            DemoResult.Row row = result.row("Gateway", gw.split("/")[0], gw.split("/")[1]);
            assertTrue(inside(cidr, row.vip()), gw + " " + row.vip());
            ObjectNode vsvip = avi("vsvip", "local--" + gw.replace('/', '-'));
            assertEquals(row.vip(), vsvip.path("vip").path(0).path("ip_address").path("addr").asText());
            ObjectNode vs = avi("virtualservice", "local--" + gw.replace('/', '-'));
            assertEquals(2, vs.path("services").size(), gw);
            assertEquals("/api/networkprofile/?name=System-UDP-Fast-Path",
                    vs.path("services").get(1).path("override_network_profile_ref").asText(), gw);
        });
        assertEquals("/api/serviceenginegroup/?name=se-signaling",
                avi("virtualservice", "local--demo-signaling-dns").path("se_group_ref").asText());
    }

    @Test
    void loadBalancerServices_getTheirSegmentsSettingInjected_andAVipFromIt() {
        Map<String, String> services = Map.of("demo-oam/grafana", "seg-oam", "demo-signaling/diameter", "seg-signaling",
                "demo-traffic/rtp-relay", "seg-traffic");
        Map<String, String> cidrs = Map.of("seg-oam", "10.50.1.0/28", "seg-signaling", "10.50.2.0/28",
                "seg-traffic", "10.50.3.0/27");
        services.forEach((svc, setting) -> {
            DemoResult.Row row = result.row("Service", svc.split("/")[0], svc.split("/")[1]);
            assertEquals(setting, row.injected(), svc);
            assertTrue(inside(cidrs.get(setting), row.vip()), svc + " " + row.vip());
        });
    }

    @Test
    void ingresses_sitOnTheShardAkosHashGives_andShareItsVip() {
        Map<String, Integer> counts = Map.of("large", 8, "medium", 4, "small", 1);
        Map<String, List<String>> hosts = Map.of("large", List.of("shop", "blog", "wiki", "chat", "maps"),
                "medium", List.of("docs", "mail", "news", "pay", "auth"), "small", List.of("cdn", "api", "cart", "feed", "game"));
        Map<String, String> vipOfShard = new TreeMap<>();
        hosts.forEach((size, apps) -> apps.forEach(app -> {
            DemoResult.Row row = result.row("Ingress", "demo-web", app);
            int shard = ShardPlacement.shardOf(app + ".demo.example", counts.get(size));
            assertEquals(size.toUpperCase() + " " + shard, row.shard(), app);
            String vs = "local--l7-" + size + "-Shared-L7-" + shard;
            assertEquals(List.of("Avi VS " + vs + " (" + apps.stream().filter(a -> ShardPlacement.shardOf(
                    a + ".demo.example", counts.get(size)) == shard).count() + " routes)"), row.loadBalancer(), app);
            String before = vipOfShard.putIfAbsent(vs, row.vip());
            assertTrue(before == null || before.equals(row.vip()), "one VIP per shard: " + vs);
        }));
        Set<String> dedicated = List.of("jobs", "meet", "note", "photo", "video").stream()
                .map(a -> result.row("Ingress", "demo-web", a).vip()).filter(v -> inside("10.50.13.0/28", v))
                .collect(Collectors.toSet());
        assertEquals(5, dedicated.size(), "DEDICATED: a VIP per host");
        for (String app : List.of("jobs", "meet", "note", "photo", "video")) {
            assertEquals("DEDICATED", result.row("Ingress", "demo-web", app).shard());
            avi("virtualservice", "local--" + app + ".demo.example-L7-dedicated");
        }
    }

    @Test
    void theLoxiLbGateway_isTwoRulesOnOneVip() {
        DemoResult.Row row = result.row("Gateway", "demo-edge", "edge-dns");
        assertTrue(inside("192.168.80.0/29", row.vip()), row.vip());
        List<JsonNode> rules = stack.loxilb().rules();
        assertEquals(List.of("tcp/53", "udp/53"), rules.stream().map(r -> r.path("serviceArguments").path("protocol")
                .asText() + "/" + r.path("serviceArguments").path("port").asInt()).sorted().toList());
        rules.forEach(r -> assertEquals(row.vip(), r.path("serviceArguments").path("externalIP").asText()));
    }

    @Test
    void theAviEmulatorHolds_exactlyTheVirtualServicesOfTheTable() {
        long shards = result.rows().stream().filter(r -> r.shard() != null).map(DemoResult.Row::loadBalancer).distinct()
                .count();
        assertEquals(3 + 3 + shards, stack.avi().objects("virtualservice").size());
        assertEquals(stack.avi().objects("virtualservice").size(), stack.avi().objects("vsvip").size());
        assertNotEquals(0, stack.avi().objects("httppolicyset").size());
    }

    ObjectNode avi(String type, String name) {
        return stack.avi().objects(type).stream().filter(o -> o.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(type + " " + name + " not on the Avi emulator"));
    }
}
