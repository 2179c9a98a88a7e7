package io.gatewarden.webhook.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.kube.WatchedResource;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook's cluster view fed by informers against an API server (the fabric8 test server on loopback). That
 * server serves watches only over WebSocket, so client-java falls back to re-listing: events arrive within
 * seconds here, immediately against a real API server. The LoxiLB route CRDs are not installed.
 */
class InformerViewIT {

    @TempDir
    Path tmp;

    private static CustomResourceDefinitionContext context(WatchedResource r) {
        return new CustomResourceDefinitionContext.Builder().withGroup(r.group()).withVersion(r.version())
                .withPlural(r.plural()).withKind(r.kind()).withScope(r.namespaced() ? "Namespaced" : "Cluster").build();
    }

    @Test
    void objectsCreatedInTheCluster_areSeenByAdmission() throws Exception {
        List<CustomResourceDefinitionContext> installed = WatchedResource.ALL.stream()
                .filter(r -> !r.plural().endsWith("routes")).map(InformerViewIT::context).toList();
        KubernetesMockServer api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(installed), false);
        api.init(InetAddress.getByName("127.0.0.1"), 0);
        try (NamespacedKubernetesClient client = api.createClient()) {
            Path kubeconfig = kubeconfig(api.getPort());
            try (WebhookServer server = new WebhookServer(tmp.resolve("tls"), Map.of(
                    "gatewarden.cluster.source", "INFORMERS",
                    "gatewarden.cluster.kubeconfig", kubeconfig.toString()))) {
                await(() -> server.management("/health/readiness").statusCode() == 200);

                byte[] review = WebhookIT.fixture("create-service-bad-port.json");
                JsonNode before = Json.mapper().readTree(server.post("/validate", review).body()).path("response");
                assertTrue(before.path("status").path("message").asText().contains("[AVI-SVC-002]"), before.toString());

                WatchedResource gateways = WatchedResource.ALL.stream()
                        .filter(r -> r.group().equals("networking.x-k8s.io") && r.plural().equals("gateways"))
                        .findFirst().orElseThrow();
                GenericKubernetesResource gw = Serialization.unmarshal("""
                        apiVersion: networking.x-k8s.io/v1alpha1
                        kind: Gateway
                        metadata: {name: gw, namespace: oam}
                        spec:
                          gatewayClassName: avi-oam
                          listeners:
                          - protocol: TCP
                            port: 80
                            routes:
                              selector:
                                matchLabels: {ako.vmware.com/gateway-name: gw, ako.vmware.com/gateway-namespace: oam}
                        """, GenericKubernetesResource.class);
                client.genericKubernetesResources(context(gateways)).inNamespace("oam").resource(gw).create();

                await(() -> Json.mapper().readTree(server.post("/validate", review).body()).path("response")
                        .path("status").path("message").asText().contains("[AVI-SVC-003]"));
                JsonNode after = Json.mapper().readTree(server.post("/validate", review).body()).path("response");
                assertEquals("Service oam/web-statefulset-service-oam is refused by gatewarden: spec.ports[0]: Not "
                        + "found: \"TCP/8443\": Gateway oam/gw has no listener TCP/8443; its listeners are [TCP/80] — "
                        + "AKO never serves this port [AVI-SVC-003]", after.path("status").path("message").asText());
            }
        } finally {
            api.destroy();
        }
    }

    private Path kubeconfig(int port) throws Exception {
        Path kubeconfig = tmp.resolve("kubeconfig-" + port);
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: t, cluster: {server: "http://127.0.0.1:%d"}}]
                users: [{name: t, user: {token: t}}]
                contexts: [{name: t, context: {cluster: t, user: t}}]
                current-context: t
                """.formatted(port));
        return kubeconfig;
    }

    private static KubernetesMockServer apiServer(Dispatcher dispatcher) {
        return new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    }

    private static List<CustomResourceDefinitionContext> installedCrds() {
        return WatchedResource.ALL.stream().filter(r -> !r.plural().endsWith("routes")).map(InformerViewIT::context)
                .toList();
    }

    @Test
    void unreachableApiServerAtStart_isNotReady_andNeverDenies_untilItComesUp() throws Exception {
        int port = io.gatewarden.webhook.cli.WebhookProperties.freePort(); // nothing listens there yet
        try (WebhookServer server = new WebhookServer(tmp.resolve("tls"), Map.of(
                "gatewarden.cluster.source", "INFORMERS", "gatewarden.cluster.retry", "1s",
                "gatewarden.cluster.kubeconfig", kubeconfig(port).toString()))) {
            assertEquals(503, server.management("/health/readiness").statusCode());
            byte[] review = WebhookIT.fixture("create-service-bad-port.json"); // its Gateway is not in the view
            JsonNode unsynced = Json.mapper().readTree(server.post("/validate", review).body()).path("response");
            assertTrue(unsynced.path("allowed").asBoolean(), "an empty view never denies: " + unsynced);
            assertTrue(unsynced.path("warnings").get(0).asText().startsWith("cluster view incomplete, findings are "
                    + "warnings: "), unsynced.toString());
            assertTrue(unsynced.path("warnings").toString().contains("[AVI-SVC-002]"), "findings still shown");

            KubernetesMockServer api = apiServer(new KubernetesCrudDispatcher(installedCrds()));
            api.init(InetAddress.getByName("127.0.0.1"), port);
            try {
                await(() -> server.management("/health/readiness").statusCode() == 200);
                JsonNode synced = Json.mapper().readTree(server.post("/validate", review).body()).path("response");
                assertEquals(false, synced.path("allowed").asBoolean(), synced.toString());
            } finally {
                api.destroy();
            }
        }
    }

    @Test
    void forbiddenResource_keepsTheWebhookNotReady_andReviewsAllowedWithAWarning() throws Exception {
        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(installedCrds());
        Dispatcher forbidGateways = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getPath().contains("/networking.x-k8s.io/v1alpha1/gateways")) {
                    return new MockResponse().setResponseCode(403).setBody("{\"kind\":\"Status\",\"apiVersion\":"
                            + "\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403}");
                }
                return crud.dispatch(request);
            }
        };
        KubernetesMockServer api = apiServer(forbidGateways);
        api.init(InetAddress.getByName("127.0.0.1"), 0);
        try (WebhookServer server = new WebhookServer(tmp.resolve("tls"), Map.of(
                "gatewarden.cluster.source", "INFORMERS", "gatewarden.cluster.retry", "1s",
                "gatewarden.cluster.kubeconfig", kubeconfig(api.getPort()).toString()))) {
            Thread.sleep(2_500); // two retries: a 403 is not "not served"
            HttpResponse<String> ready = server.management("/health/readiness");
            assertEquals(503, ready.statusCode(), ready.body());
            JsonNode r = Json.mapper().readTree(server.post("/validate", WebhookIT.fixture("create-service-bad-port.json"))
                    .body()).path("response");
            assertTrue(r.path("allowed").asBoolean(), r.toString());
            assertTrue(r.path("warnings").get(0).asText().contains("gateways.networking.x-k8s.io v1alpha1 could not "
                    + "be listed (HTTP 403)"), r.toString());
        } finally {
            api.destroy();
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        assertTrue(check.ok(), "condition not reached in 30 s");
    }
}
