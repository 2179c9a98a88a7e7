package io.gatewarden.applier.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.cluster.KubernetesReader;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.lbclient.AviClient;
import io.gatewarden.applier.lbclient.AviSettings;
import io.gatewarden.applier.lbclient.Backoff;
import io.gatewarden.applier.lbclient.LoadBalancerUnavailableException;
import io.gatewarden.applier.lbclient.LoxiLbClient;
import io.gatewarden.applier.realize.KubernetesMembers;
import io.gatewarden.applier.realize.LoadBalancers;
import io.gatewarden.applier.status.StatusReporter;
import io.gatewarden.applier.status.StatusWriter;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.applier.store.TableDefinition;
import io.gatewarden.emulator.AviControllerEmulator;
import io.gatewarden.emulator.LoxiLbEmulator;
import io.gatewarden.localaws.DynamoDbLocal;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.manifest.ManifestParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Events through the processor to both load-balancer emulators and the Kubernetes API test server: VIP, virtual
 * service, pool members from EndpointSlices or Nodes, status and Events. Each test has its own table.
 */
class RealizeEndToEndIT {

    static final String CLUSTER = "prod";
    static final Backoff FAST = new Backoff(3, Duration.ofMillis(2), Duration.ofMillis(10));
    static int tables;

    DynamoDbLocal local;
    DynamoDbClient ddb;
    AviControllerEmulator avi;
    LoxiLbEmulator loxilb;
    KubernetesTestApi kube;
    DynamoStateStore states;
    ChangeProcessor processor;
    long clock = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli(); // before now: the reconcile stamps now

    @BeforeEach
    void start() throws Exception {
        local = new DynamoDbLocal();
        ddb = local.client(4);
        String table = "realize-" + (++tables);
        TableDefinition.createIfMissing(ddb, table);
        states = new DynamoStateStore(ddb, table);
        avi = new AviControllerEmulator();
        avi.addSeGroup("se-signaling");
        avi.addNetwork("vip-signaling");
        avi.addNetwork("vip-traffic");
        loxilb = new LoxiLbEmulator(true);
        kube = new KubernetesTestApi();
        processor = processor(table, KubernetesMembers.Mode.CLUSTER_IP, null);
    }

    ChangeProcessor processor(String table, KubernetesMembers.Mode mode, String nodeSelector) {
        ApplierConfiguration config = config(table);
        config.setClassPools(Map.of("loxilb", List.of("192.168.80.0/29")));
        LoadBalancers lbs = new LoadBalancers(
                Optional.of(new AviClient(avi.base(), "admin", "secret", AviSettings.DEFAULTS, FAST)),
                Optional.of(new LoxiLbClient(loxilb.base(), "admin", "secret", FAST)));
        return Processors.wired(ddb, table, config, lbs, new KubernetesMembers(kube.client(), mode, nodeSelector),
                new StatusWriter(kube.client(), Clock.systemUTC()), new KubernetesReader(kube.client()));
    }

    static ApplierConfiguration config(String table) {
        ApplierConfiguration config = new ApplierConfiguration();
        config.setTable(table);
        config.setCluster(CLUSTER);
        config.setReadWait(Duration.ofMillis(300));
        return config;
    }

    @AfterEach
    void stop() throws Exception {
        kube.close();
        avi.close();
        loxilb.close();
        ddb.close();
        local.close();
    }

    /** The fixture's objects, in file order. */
    List<JsonNode> fixture(String file) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ManifestParser().parse(file, text).objects().stream().map(o -> (JsonNode) o.raw()).toList();
        }
    }

    /** The object stored in the API server as kubectl would, then the webhook's hint about it. */
    ChangeEvent stored(ChangeEvent.Operation op, JsonNode object) {
        if (op == ChangeEvent.Operation.DELETE) {
            kube.delete(object);
        } else {
            kube.store(object);
        }
        return Hints.of(CLUSTER, op, object);
    }

    List<ChangeEvent> created(List<JsonNode> objects) {
        return objects.stream().map(o -> stored(ChangeEvent.Operation.CREATE, o)).toList();
    }

    void applyAll(List<JsonNode> objects) {
        objects.forEach(o -> processor.process(stored(ChangeEvent.Operation.CREATE, o)));
    }

    ObjectState state(String kind, String ns, String name) {
        return states.load(new OwnerKey(CLUSTER, kind, ns, name)).orElseThrow();
    }

    static List<String> names(List<ObjectNode> objects) {
        return objects.stream().map(o -> o.path("name").asText()).toList();
    }

    static final String COREDNS = """
            apiVersion: v1
            kind: Service
            metadata: {name: coredns, namespace: %1$s}
            spec:
              ports:
              - {name: dns-tcp, protocol: TCP, port: 53, targetPort: 5353}
              - {name: dns-udp, protocol: UDP, port: 53, targetPort: 5353}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: coredns-x1
              namespace: %1$s
              labels: {kubernetes.io/service-name: coredns}
            addressType: IPv4
            ports:
            - {name: dns-tcp, protocol: TCP, port: 5353}
            - {name: dns-udp, protocol: UDP, port: 5353}
            endpoints:
            - {addresses: [10.244.1.5], conditions: {ready: true}}
            - {addresses: [10.244.2.7], conditions: {ready: true}}
            - {addresses: [10.244.3.9], conditions: {ready: false}}
            """;

    @Test
    void avi_tcpAndUdp53Gateway_isOneVipWithBothServices_membersFromEndpointSlices_andStatus() throws Exception {
        kube.create(COREDNS.formatted("signaling"));
        kube.gateway(KubernetesTestApi.GATEWAYS_V1ALPHA1, "signaling", "dns");
        applyAll(fixture("avi-dns.yaml"));

        ObjectState gw = state("Gateway.networking.x-k8s.io", "signaling", "dns");
        assertEquals("Applied", gw.status());
        assertTrue(gw.vip().startsWith("10.20.30."), gw.vip());
        assertEquals(List.of("prod--signaling-dns"), names(avi.objects("vsvip")));
        JsonNode vip = avi.objects("vsvip").get(0).path("vip").path(0);
        assertEquals(gw.vip(), vip.path("ip_address").path("addr").asText());
        assertEquals("/api/network/?name=vip-signaling", vip.path("ipam_network_subnet").path("network_ref").asText());
        assertEquals("10.20.30.0", vip.path("ipam_network_subnet").path("subnet").path("ip_addr").path("addr").asText());
        assertEquals(28, vip.path("ipam_network_subnet").path("subnet").path("mask").asInt());
        assertEquals(List.of("prod--signaling-coredns-dns-TCP-53", "prod--signaling-coredns-dns-UDP-53"),
                names(avi.objects("pool")));
        JsonNode servers = avi.objects("pool").get(0).path("servers");
        assertEquals(2, servers.size(), "the endpoint that is not ready is left out");
        assertEquals("10.244.1.5", servers.get(0).path("ip").path("addr").asText());
        assertEquals(5353, servers.get(0).path("port").asInt());
        ObjectNode vs = avi.objects("virtualservice").get(0);
        assertEquals(2, vs.path("services").size());
        assertEquals("/api/networkprofile/?name=System-UDP-Fast-Path",
                vs.path("services").get(1).path("override_network_profile_ref").asText());
        assertEquals("/api/serviceenginegroup/?name=se-signaling", vs.path("se_group_ref").asText());
        assertTrue(vs.path("enable_rhi").asBoolean());

        Map<String, Object> status = kube.gatewayStatus(KubernetesTestApi.GATEWAYS_V1ALPHA1, "signaling", "dns");
        assertEquals(gw.vip(), value(status, "addresses", 0, "value"));
        assertEquals("Ready", value(status, "conditions", 1, "type"));
        assertEquals("True", value(status, "conditions", 1, "status"));
    }

    @Test
    void avi_aSecondServiceOnOneListener_isPortConflict_andThatListenerGetsNoPool() throws Exception {
        kube.create(COREDNS.formatted("signaling"));
        kube.gateway(KubernetesTestApi.GATEWAYS_V1ALPHA1, "signaling", "dns");
        applyAll(fixture("avi-dns.yaml"));
        processor.process(stored(ChangeEvent.Operation.CREATE, json("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"unbound","namespace":"signaling",
                 "labels":{"ako.vmware.com/gateway-name":"dns","ako.vmware.com/gateway-namespace":"signaling"}},
                 "spec":{"ports":[{"protocol":"TCP","port":53}]}}""")));

        assertEquals(List.of("prod--signaling-coredns-dns-UDP-53"), names(avi.objects("pool")));
        Map<String, Object> status = kube.gatewayStatus(KubernetesTestApi.GATEWAYS_V1ALPHA1, "signaling", "dns");
        assertEquals("False", value(status, "conditions", 1, "status"));
        assertEquals("PortConflict", value(status, "conditions", 1, "reason"));
        assertEquals("PortConflict", value(status, "listeners", 0, "conditions", 0, "type"));
        assertTrue(((String) value(status, "listeners", 0, "conditions", 0, "message"))
                .contains("[signaling/coredns, signaling/unbound]"));
    }

    @Test
    void loxilb_tcpAndUdp53Gateway_isTwoRulesOnOneVip_withEndpointsOfTheRoutesBackends() throws Exception {
        kube.create(COREDNS.formatted("edge"));
        kube.gateway(KubernetesTestApi.GATEWAYS_V1, "edge", "dns");
        applyAll(fixture("loxilb-dns.yaml"));

        ObjectState gw = state("Gateway.gateway.networking.k8s.io", "edge", "dns");
        assertEquals("Applied", gw.status());
        List<JsonNode> rules = loxilb.rules();
        assertEquals(2, rules.size());
        for (JsonNode r : rules) {
            assertEquals(gw.vip(), r.path("serviceArguments").path("externalIP").asText());
            assertEquals(53, r.path("serviceArguments").path("port").asInt());
            assertEquals(2, r.path("endpoints").size());
        }
        assertEquals(List.of("prod--edge-dns-tcp-53", "prod--edge-dns-udp-53"),
                rules.stream().map(r -> r.path("serviceArguments").path("name").asText()).sorted().toList());
        Map<String, Object> status = kube.gatewayStatus(KubernetesTestApi.GATEWAYS_V1, "edge", "dns");
        assertEquals(gw.vip(), value(status, "addresses", 0, "value"));
        assertEquals("dns-udp", value(status, "listeners", 1, "name"));
        assertEquals(1, ((Number) value(status, "listeners", 1, "attachedRoutes")).intValue());
        assertEquals("UDPRoute", value(status, "listeners", 1, "supportedKinds", 0, "kind"));

        // The UDP route goes: its rule goes, the TCP rule stays.
        processor.process(stored(ChangeEvent.Operation.DELETE, fixture("loxilb-dns.yaml").get(3)));
        assertEquals(List.of("prod--edge-dns-tcp-53"), loxilb.rules().stream()
                .map(r -> r.path("serviceArguments").path("name").asText()).toList());
        processor.process(stored(ChangeEvent.Operation.DELETE, fixture("loxilb-dns.yaml").get(1)));
        assertEquals(List.of(), loxilb.rules());
    }

    @Test
    void loadBalancerService_nodePortMode_membersAreSelectedSchedulableNodes_andTheServiceShowsItsVip() throws Exception {
        processor = processor("realize-" + tables, KubernetesMembers.Mode.NODE_PORT, "gatewarden.io/lb-member=true");
        kube.create("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: traffic}
                spec:
                  type: LoadBalancer
                  ports: [{name: http, protocol: TCP, port: 80, nodePort: 30080}]
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: n1, labels: {gatewarden.io/lb-member: "true"}}
                status: {addresses: [{type: InternalIP, address: 10.0.0.11}]}
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: n2, labels: {gatewarden.io/lb-member: "true"}}
                status: {addresses: [{type: Hostname, address: n2}, {type: InternalIP, address: 10.0.0.12}]}
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: n3, labels: {gatewarden.io/lb-member: "true"}}
                spec: {unschedulable: true}
                status: {addresses: [{type: InternalIP, address: 10.0.0.13}]}
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: n4}
                status: {addresses: [{type: InternalIP, address: 10.0.0.14}]}
                """);
        processor.process(stored(ChangeEvent.Operation.CREATE, json("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"traffic"},
                 "spec":{"type":"LoadBalancer","loadBalancerIP":"10.20.50.9",
                 "ports":[{"name":"http","protocol":"TCP","port":80,"nodePort":30080}]}}""")));
        // No infra setting and no default pool: Pending with a Warning Event that says why.
        assertEquals("Pending", state("Service", "traffic", "web").status());
        assertEquals("VipPending", kube.fabric8.v1().events().inNamespace("traffic").list().getItems().get(0).getReason());

        ApplierConfiguration config = config("realize-" + tables);
        config.setDefaultPools(List.of("10.20.50.0/28"));
        processor = Processors.wired(ddb, config.getTable(), config, new LoadBalancers(
                Optional.of(new AviClient(avi.base(), "admin", "secret", AviSettings.DEFAULTS, FAST)), Optional.empty()),
                new KubernetesMembers(kube.client(), KubernetesMembers.Mode.NODE_PORT, "gatewarden.io/lb-member=true"),
                new StatusWriter(kube.client(), Clock.systemUTC()), new KubernetesReader(kube.client()));
        processor.process(stored(ChangeEvent.Operation.UPDATE, json("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"traffic"},
                 "spec":{"type":"LoadBalancer","loadBalancerIP":"10.20.50.9",
                 "ports":[{"name":"http","protocol":"TCP","port":80,"nodePort":30080}]}}""")));
        assertEquals("Applied", state("Service", "traffic", "web").status());
        assertEquals(List.of("prod--traffic-web-TCP-80"), names(avi.objects("pool")));
        JsonNode servers = avi.objects("pool").get(0).path("servers");
        assertEquals(List.of("10.0.0.11:30080", "10.0.0.12:30080"), List.of(
                servers.get(0).path("ip").path("addr").asText() + ":" + servers.get(0).path("port").asInt(),
                servers.get(1).path("ip").path("addr").asText() + ":" + servers.get(1).path("port").asInt()));
        assertEquals(2, servers.size());
        assertEquals("10.20.50.9", kube.fabric8.services().inNamespace("traffic").withName("web").get()
                .getStatus().getLoadBalancer().getIngress().get(0).getIp());
    }

    @Test
    void ingresses_shareTheirShardVirtualService_withAPoolPerHostAndPath() throws Exception {
        kube.create("""
                apiVersion: v1
                kind: Service
                metadata: {name: shop, namespace: web}
                spec: {ports: [{name: http, port: 80, targetPort: 8080}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: shop-1, namespace: web, labels: {kubernetes.io/service-name: shop}}
                addressType: IPv4
                ports: [{name: http, protocol: TCP, port: 8080}]
                endpoints: [{addresses: [10.244.5.5]}]
                """);
        kube.create("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: blog, namespace: web}
                spec: {ingressClassName: avi-traffic}
                """);
        List<JsonNode> events = fixture("ingress-shards.yaml");
        applyAll(events);
        String shardVip = avi.objects("vsvip").get(0).path("vip").path(0).path("ip_address").path("addr").asText();
        assertEquals(shardVip, kube.fabric8.network().v1().ingresses().inNamespace("web").withName("blog").get()
                .getStatus().getLoadBalancer().getIngress().get(0).getIp(), "kubectl get ingress shows the shard's VIP");

        assertEquals(List.of("prod--traffic-Shared-L7-0"), names(avi.objects("virtualservice")));
        assertEquals(List.of("prod--blog.example.com_-web-blog", "prod--shop.example.com_-web-shop",
                "prod--shop.example.com_api-web-shop"), names(avi.objects("pool")));
        JsonNode rules = avi.objects("httppolicyset").get(0).path("http_request_policy").path("rules");
        assertEquals(3, rules.size());
        assertEquals("/api", rules.get(1).path("match").path("path").path("match_str").get(0).asText(),
                "the longer path of a host is matched first");
        JsonNode shopPool = avi.objects("pool").get(1).path("servers");
        assertEquals("10.244.5.5", shopPool.get(0).path("ip").path("addr").asText());
        assertEquals(8080, shopPool.get(0).path("port").asInt());
        assertEquals("Applied", state("Ingress.networking.k8s.io", "web", "blog").status());

        processor.process(stored(ChangeEvent.Operation.DELETE, events.get(3)));
        assertEquals(List.of("prod--shop.example.com_-web-shop", "prod--shop.example.com_api-web-shop"),
                names(avi.objects("pool")));
        processor.process(stored(ChangeEvent.Operation.DELETE, events.get(2)));
        assertEquals(List.of(), names(avi.objects("virtualservice")), "an empty shard is removed");
        assertEquals(List.of(), names(avi.objects("pool")));
    }

    @Test
    void aBurstOfIngressesOnOneShard_isBuiltOnce_andEachIsShownAppliedWithTheShardsVip() throws Exception {
        List<io.gatewarden.applier.build.BuildJob> jobs = new java.util.ArrayList<>();
        ApplierConfiguration config = config("realize-" + tables);
        processor = Processors.wired(ddb, config.getTable(), config, new LoadBalancers(
                Optional.of(new AviClient(avi.base(), "admin", "secret", AviSettings.DEFAULTS, FAST)), Optional.empty()),
                new io.gatewarden.applier.realize.StaticMembers(List.of("127.0.10.1")), new StatusWriter(kube.client(),
                Clock.systemUTC()), new KubernetesReader(kube.client()), jobs::add);
        List<JsonNode> setting = fixture("ingress-shards.yaml").subList(0, 2);
        applyAll(setting);
        int n = 20;
        for (int i = 0; i < n; i++) {
            processor.process(stored(ChangeEvent.Operation.CREATE, json(("""
                    {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"app-%1$d","namespace":"web"},
                     "spec":{"ingressClassName":"avi-traffic","rules":[{"host":"app-%1$d.example.com","http":{"paths":
                     [{"path":"/","pathType":"Prefix","backend":{"service":{"name":"app","port":{"number":80}}}}]}}]}}
                    """).formatted(i))));
        }
        assertEquals(1, jobs.size(), "the first child sent the shard's build job; the other " + (n - 1)
                + " only marked it dirty");
        assertEquals("Allocated", state("Ingress.networking.k8s.io", "web", "app-0").status(), "until the build");
        long writesBefore = avi.writes();
        long built = jobs.stream().filter(job -> processor.builds().build(job)).count();

        assertEquals(1, built, "one build, of every child");
        assertEquals(1, jobs.size(), "nothing was marked during it: no further job");
        assertEquals(n + 3, avi.writes() - writesBefore, "a pool per Ingress, then the VIP, policy set and VS once");
        assertEquals(n, avi.objects("httppolicyset").get(0).path("http_request_policy").path("rules").size());
        String vip = avi.objects("vsvip").get(0).path("vip").path(0).path("ip_address").path("addr").asText();
        for (int i = 0; i < n; i++) {
            assertEquals("Applied", state("Ingress.networking.k8s.io", "web", "app-" + i).status());
            assertEquals(vip, kube.fabric8.network().v1().ingresses().inNamespace("web").withName("app-" + i).get()
                    .getStatus().getLoadBalancer().getIngress().get(0).getIp());
        }
        // Another one later: one more build, which records the new pool on the VsVip (so a failure after creating
        // it can never leave it without an owner), writes the pool and the policy set; the VS is unchanged.
        long writes = avi.writes();
        jobs.clear();
        processor.process(stored(ChangeEvent.Operation.CREATE, json("""
                {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"late","namespace":"web"},
                 "spec":{"ingressClassName":"avi-traffic","rules":[{"host":"late.example.com","http":{"paths":
                 [{"path":"/","pathType":"Prefix","backend":{"service":{"name":"app","port":{"number":80}}}}]}}]}}""")));
        jobs.forEach(processor.builds()::build);
        assertEquals(3, avi.writes() - writes);

        // A build job lost for good (it went to the dead-letter queue): the reconcile asks for the build again.
        jobs.clear();
        processor.process(stored(ChangeEvent.Operation.CREATE, json("""
                {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"orphan","namespace":"web"},
                 "spec":{"ingressClassName":"avi-traffic","rules":[{"host":"orphan.example.com","http":{"paths":
                 [{"path":"/","pathType":"Prefix","backend":{"service":{"name":"app","port":{"number":80}}}}]}}]}}""")));
        jobs.clear(); // lost
        assertEquals("Allocated", state("Ingress.networking.k8s.io", "web", "orphan").status());
        processor.process(Hints.of(CLUSTER, ChangeEvent.Operation.CREATE, json("""
                {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"orphan","namespace":"web"}}""")));
        assertEquals(1, jobs.size(), "its message redelivered (the job never sent): the job is sent again");
        jobs.clear(); // lost once more
        List<io.gatewarden.model.k8s.KubernetesObject> live = new java.util.ArrayList<>(
                new KubernetesReader(kube.client()).list("Ingress.networking.k8s.io", null));
        Reconciler reconciler = new Reconciler(states, processor, Duration.ofMinutes(5), Clock.systemUTC());
        assertEquals(1, reconciler.reconcile(CLUSTER, live).redriven(), "only the one still waiting");
        jobs.forEach(processor.builds()::build);
        assertEquals("Applied", state("Ingress.networking.k8s.io", "web", "orphan").status());
    }

    @Test
    void aRefusingController_leavesTheObjectRefused_withAWarningEvent_andItsVipFree() throws Exception {
        avi.noFreeIps(true);
        kube.create(COREDNS.formatted("signaling"));
        kube.gateway(KubernetesTestApi.GATEWAYS_V1ALPHA1, "signaling", "dns"); // Events are shown on stored objects only
        List<JsonNode> events = fixture("avi-dns.yaml");
        applyAll(List.of(events.get(0), events.get(1), events.get(3), events.get(2))); // members before the Gateway
        ObjectState gw = state("Gateway.networking.x-k8s.io", "signaling", "dns");
        assertEquals("Refused", gw.status());
        assertEquals(null, gw.vip());
        assertTrue(gw.reason().contains("No available free IPs"), gw.reason());
        var warnings = kube.fabric8.v1().events().inNamespace("signaling").list().getItems();
        assertEquals("LoadBalancerRefused", warnings.get(0).getReason());
        assertEquals("dns", warnings.get(0).getInvolvedObject().getName());
    }

    @Test
    void anUnavailableController_failsTheMessage_leavesNothingOnTheLoadBalancer_andKeepsTheVipForTheRetry()
            throws Exception {
        kube.create(COREDNS.formatted("signaling"));
        List<ChangeEvent> events = created(fixture("avi-dns.yaml"));
        events.subList(0, 2).forEach(processor::process);
        processor.process(events.get(3)); // the member Service first: the Gateway event realizes everything
        avi.failMatching("POST /api/l4policyset", 0, 1000, 503);
        assertThrows(LoadBalancerUnavailableException.class, () -> processor.process(events.get(2)));
        ObjectState gw = state("Gateway.networking.x-k8s.io", "signaling", "dns");
        assertEquals("Failed", gw.status());
        assertFalse(gw.vip() == null);
        for (String type : List.of("vsvip", "pool", "l4policyset", "virtualservice")) {
            assertEquals(List.of(), names(avi.objects(type)), type + " left behind");
        }
        avi.failMatching("POST /api/l4policyset", 0, 0, 503);
        processor.process(events.get(2)); // the redelivered message
        assertEquals("Applied", state("Gateway.networking.x-k8s.io", "signaling", "dns").status());
        assertEquals(gw.vip(), avi.objects("vsvip").get(0).path("vip").path(0).path("ip_address").path("addr").asText());
    }

    @Test
    void twoObjectsWhoseAkoNamesCollide_theSecondIsRefusedWithAnEvent_andTheFirstKeepsItsVirtualService()
            throws Exception {
        ApplierConfiguration config = config("realize-" + tables);
        config.setDefaultPools(List.of("10.20.60.0/28"));
        processor = Processors.wired(ddb, config.getTable(), config, new LoadBalancers(
                Optional.of(new AviClient(avi.base(), "admin", "secret", AviSettings.DEFAULTS, FAST)), Optional.empty()),
                new io.gatewarden.applier.realize.StaticMembers(List.of("127.0.10.1")),
                new StatusWriter(kube.client(), Clock.systemUTC()), new KubernetesReader(kube.client()));
        JsonNode first = json("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"syslog","namespace":"demo-oam"},
                 "spec":{"type":"LoadBalancer","ports":[{"protocol":"UDP","port":514}]}}""");
        JsonNode second = json("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"oam-syslog","namespace":"demo"},
                 "spec":{"type":"LoadBalancer","ports":[{"protocol":"TCP","port":6514}]}}""");
        processor.process(stored(ChangeEvent.Operation.CREATE, first));
        String vip = avi.objects("vsvip").get(0).path("vip").path(0).path("ip_address").path("addr").asText();
        processor.process(stored(ChangeEvent.Operation.CREATE, second));

        ObjectState refused = state("Service", "demo", "oam-syslog");
        assertEquals("Refused", refused.status());
        assertTrue(refused.reason().contains("load-balancer name prod--demo-oam-syslog is already Service "
                + "demo-oam/syslog's"), refused.reason());
        assertEquals(null, refused.vip(), "the address taken for the attempt went back");
        assertEquals(List.of("prod--demo-oam-syslog-UDP-514"), names(avi.objects("pool")), "the first one's, untouched");
        assertEquals(vip, avi.objects("vsvip").get(0).path("vip").path(0).path("ip_address").path("addr").asText());
        assertEquals("NameCollision", kube.fabric8.v1().events().inNamespace("demo").list().getItems().get(0).getReason());

        processor.process(stored(ChangeEvent.Operation.DELETE, second)); // the refused one goes: nothing of the first
        assertEquals(List.of("prod--demo-oam-syslog"), names(avi.objects("virtualservice")));
    }

    @Test
    void aServiceMovingFromAviToLoxilb_leavesNothingOnAvi() throws Exception {
        ApplierConfiguration config = config("realize-" + tables);
        config.setDefaultPools(List.of("10.20.60.0/28"));
        config.setClassPools(Map.of("loxilb.io/loxilb", List.of("192.168.90.0/29")));
        processor = Processors.wired(ddb, config.getTable(), config, new LoadBalancers(
                Optional.of(new AviClient(avi.base(), "admin", "secret", AviSettings.DEFAULTS, FAST)),
                Optional.of(new LoxiLbClient(loxilb.base(), "admin", "secret", FAST))),
                new io.gatewarden.applier.realize.StaticMembers(List.of("127.0.10.1")), StatusReporter.NONE,
                new KubernetesReader(kube.client()));
        JsonNode onAvi = json("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"traffic"},
                 "spec":{"type":"LoadBalancer","ports":[{"protocol":"TCP","port":80}]}}""");
        processor.process(stored(ChangeEvent.Operation.CREATE, onAvi));
        assertEquals(List.of("prod--traffic-web"), names(avi.objects("virtualservice")));
        JsonNode onLoxilb = json("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"traffic"},
                 "spec":{"type":"LoadBalancer","loadBalancerClass":"loxilb.io/loxilb",
                 "ports":[{"protocol":"TCP","port":80}]}}""");
        processor.process(stored(ChangeEvent.Operation.UPDATE, onLoxilb));
        assertEquals(List.of(), names(avi.objects("virtualservice")));
        assertEquals(List.of(), names(avi.objects("vsvip")));
        assertEquals(1, loxilb.rules().size());
    }

    @Test
    void theReconcile_rebuildsWhatDriftedOnTheController_andLeavesTheRestAlone() throws Exception {
        kube.create(COREDNS.formatted("signaling"));
        List<JsonNode> events = fixture("avi-dns.yaml");
        applyAll(events);
        List<io.gatewarden.model.k8s.KubernetesObject> live = events.stream()
                .map(e -> io.gatewarden.model.manifest.ObjectBinding.bind(e).orElseThrow()).toList();
        Reconciler reconciler = new Reconciler(states, processor, Duration.ofMinutes(5), Clock.systemUTC());
        assertEquals(0, reconciler.reconcile(CLUSTER, live).redriven(), "nothing drifted");

        new AviClient(avi.base(), "admin", "secret", AviSettings.DEFAULTS, FAST).delete("prod--signaling-dns");
        assertEquals(List.of(), names(avi.objects("virtualservice")));
        assertEquals(1, reconciler.reconcile(CLUSTER, live).redriven(), "only the Gateway was missing");
        assertEquals(List.of("prod--signaling-dns"), names(avi.objects("virtualservice")));
        assertEquals(2, avi.objects("pool").size());

        // A pod moved: endpoint changes are not admission events, the reconcile notices them.
        kube.fabric8.resource(kube.fabric8.discovery().v1().endpointSlices().inNamespace("signaling")
                .withName("coredns-x1").get()).edit(slice -> {
                    slice.getEndpoints().get(2).getConditions().setReady(true);
                    return slice;
                });
        assertEquals(1, reconciler.reconcile(CLUSTER, live).redriven());
        assertEquals(3, avi.objects("pool").get(0).path("servers").size());
        assertEquals(0, reconciler.reconcile(CLUSTER, live).redriven(), "and then nothing drifted again");
    }

    @Test
    void aDriftCheckTheControllerFails_skipsOnlyThatObject_andTheRunGoesOn() throws Exception {
        kube.create(COREDNS.formatted("signaling"));
        List<JsonNode> events = fixture("avi-dns.yaml");
        applyAll(events);
        kube.create("""
                apiVersion: networking.x-k8s.io/v1alpha1
                kind: Gateway
                metadata: {name: waits, namespace: signaling}
                spec:
                  gatewayClassName: not-installed
                  listeners: [{protocol: TCP, port: 99}]
                """); // admitted while its event was lost; its class is unknown, so it needs no controller call
        List<io.gatewarden.model.k8s.KubernetesObject> live = new java.util.ArrayList<>(events.stream()
                .map(e -> io.gatewarden.model.manifest.ObjectBinding.bind(e).orElseThrow()).toList());
        live.addAll(new KubernetesReader(kube.client()).list("Gateway.networking.x-k8s.io", null).stream()
                .filter(g -> g.name().equals("waits")).toList());
        Reconciler reconciler = new Reconciler(states, processor, Duration.ofMinutes(5), Clock.systemUTC());

        avi.failMatching("GET /api/", 0, 1_000, 503); // every drift check of an Applied object fails
        Reconciler.Report report = reconciler.reconcile(CLUSTER, live);
        avi.failMatching("GET /api/", 0, 0, 503);
        assertEquals(1, report.redriven(), "the lost Gateway was still re-driven");
        assertEquals("Pending", state("Gateway.networking.x-k8s.io", "signaling", "waits").status());
        assertEquals(List.of("prod--signaling-dns"), names(avi.objects("virtualservice")), "nothing removed");
    }

    static JsonNode json(String s) throws Exception {
        return io.gatewarden.model.manifest.Json.mapper().readTree(s);
    }

    /** A value down a path of map keys and list indexes in a status map. */
    @SuppressWarnings("unchecked")
    static Object value(Object root, Object... path) {
        Object o = root;
        for (Object p : path) {
            o = p instanceof Integer i ? ((List<Object>) o).get(i) : ((Map<String, Object>) o).get(p);
        }
        return o;
    }
}
