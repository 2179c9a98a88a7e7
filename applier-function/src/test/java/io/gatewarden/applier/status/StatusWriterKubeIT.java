package io.gatewarden.applier.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.kube.LiveCluster;
import io.gatewarden.model.manifest.Json;
import io.kubernetes.client.openapi.ApiClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Status and Events on a real kube-apiserver (v1.26, started with the kube test tools: set KUBE_BASE to its build
 * folder; the kubeconfig is {@code $KUBE_BASE/run/kubeconfig}). What users see is checked with kubectl itself:
 * {@code get svc} EXTERNAL-IP and {@code describe}. Skipped where no such server runs (CI).
 */
@EnabledIfEnvironmentVariable(named = "KUBE_BASE", matches = ".+")
class StatusWriterKubeIT {

    private static Path kubeconfig;
    private static ApiClient client;
    private static String ns;
    private static final io.gatewarden.applier.SettableClock CLOCK =
            new io.gatewarden.applier.SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeAll
    static void cluster() throws Exception {
        kubeconfig = Path.of(System.getenv().getOrDefault("KUBE_RUN", System.getenv("KUBE_BASE") + "/run"), "kubeconfig");
        client = LiveCluster.client(kubeconfig);
        ns = "gw-status-" + System.currentTimeMillis();
        kubectl(null, "create", "namespace", ns);
        Path crds = Path.of("..", "..", "shared", "reference", "crds", "ako");
        kubectl(null, "apply", "-f", crds.resolve("networking.x-k8s.io_gateways.yaml").toString());
        kubectl(null, "wait", "--for=condition=Established", "crd/gateways.networking.x-k8s.io", "--timeout=30s");
    }

    static String kubectl(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    static JsonNode get(String... what) throws Exception {
        List<String> args = new ArrayList<>(List.of("get", "-n", ns, "-o", "json", "--show-managed-fields"));
        args.addAll(List.of(what));
        String out = kubectl(null, args.toArray(String[]::new));
        return Json.mapper().readTree(out.substring(out.indexOf('{')));
    }

    @Test
    void serviceVip_isServerSideApplied_andShownAsExternalIp_keepingOtherManagersFields() throws Exception {
        kubectl("""
                apiVersion: v1
                kind: Service
                metadata: {name: dns}
                spec: {type: LoadBalancer, ports: [{port: 53, protocol: UDP}]}
                """, "apply", "-n", ns, "-f", "-");
        // another controller's status field, which a JSON-patch replace of status.loadBalancer would keep, but a
        // replace of /status would not; server-side apply keeps it by ownership
        kubectl(null, "patch", "-n", ns, "svc", "dns", "--subresource=status", "--type=merge", "-p",
                "{\"status\":{\"conditions\":[{\"type\":\"example.com/Other\",\"status\":\"True\",\"reason\":\"Other\","
                        + "\"message\":\"not ours\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"}]}}");
        StatusWriter writer = new StatusWriter(client, CLOCK);
        writer.serviceVip(ns, "dns", "10.10.16.5");

        String table = kubectl(null, "get", "svc", "-n", ns, "dns");
        assertTrue(table.lines().skip(1).findFirst().orElseThrow().contains("10.10.16.5"), table);
        JsonNode svc = get("svc", "dns");
        assertEquals("example.com/Other", svc.path("status").path("conditions").get(0).path("type").asText());
        boolean applied = false;
        for (JsonNode m : svc.path("metadata").path("managedFields")) {
            applied |= "gatewarden".equals(m.path("manager").asText()) && "Apply".equals(m.path("operation").asText())
                    && "status".equals(m.path("subresource").asText());
        }
        assertTrue(applied, "a managedFields entry: manager gatewarden, operation Apply, subresource status: " + svc);
    }

    @Test
    void gatewayConditions_keepTheirTransitionTime_untilTheStatusChanges() throws Exception {
        kubectl("""
                apiVersion: networking.x-k8s.io/v1alpha1
                kind: Gateway
                metadata: {name: edge}
                spec:
                  gatewayClassName: avi-oam
                  listeners:
                  - protocol: TCP
                    port: 53
                    routes: {kind: Service, group: v1, selector: {matchLabels: {app: dns}}}
                """, "apply", "-n", ns, "-f", "-");
        StatusWriter writer = new StatusWriter(client, CLOCK);
        List<StatusReporter.ListenerState> listeners = List.of(new StatusReporter.ListenerState(null, 53, "TCP", null,
                List.of(new StatusReporter.GatewayCondition("Ready", true, "Ready", "listening"))));
        CLOCK.set(Instant.parse("2026-01-01T10:00:00Z"));
        writer.gateway("networking.x-k8s.io", "v1alpha1", ns, "edge", "10.10.16.6", 1,
                List.of(new StatusReporter.GatewayCondition("Ready", true, "Ready", "VIP 10.10.16.6")), listeners);
        CLOCK.set(Instant.parse("2026-01-01T11:00:00Z"));
        writer.gateway("networking.x-k8s.io", "v1alpha1", ns, "edge", "10.10.16.6", 1,
                List.of(new StatusReporter.GatewayCondition("Ready", true, "Ready", "VIP 10.10.16.6, again")), listeners);
        JsonNode status = get("gateways.networking.x-k8s.io", "edge").path("status");
        assertEquals("10.10.16.6", status.path("addresses").get(0).path("value").asText());
        assertEquals("VIP 10.10.16.6, again", ready(status).path("message").asText());
        assertEquals("2026-01-01T10:00:00Z", ready(status).path("lastTransitionTime").asText(),
                "same status: the transition time stays");
        assertEquals("2026-01-01T10:00:00Z", status.path("listeners").get(0).path("conditions").get(0)
                .path("lastTransitionTime").asText());

        CLOCK.set(Instant.parse("2026-01-01T12:00:00Z"));
        writer.gateway("networking.x-k8s.io", "v1alpha1", ns, "edge", null, 2,
                List.of(new StatusReporter.GatewayCondition("Ready", false, "PoolExhausted", "no VIP")), listeners);
        status = get("gateways.networking.x-k8s.io", "edge").path("status");
        assertEquals("False", ready(status).path("status").asText());
        assertNotEquals("2026-01-01T10:00:00Z", ready(status).path("lastTransitionTime").asText());
        assertEquals("2026-01-01T12:00:00Z", ready(status).path("lastTransitionTime").asText());
        assertTrue(status.path("addresses").isMissingNode() || status.path("addresses").isEmpty(),
                "the VIP Gatewarden applied before is gone when it applies none: " + status);
    }

    /** The Ready condition (the CRD's default condition may stand beside it: conditions are a map keyed by type). */
    private static JsonNode ready(JsonNode status) {
        for (JsonNode c : status.path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return c;
            }
        }
        throw new AssertionError("no Ready condition: " + status);
    }

    @Test
    void warningEvents_nameTheObjectsUid_areCountedUp_andShowInDescribe() throws Exception {
        kubectl("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {type: LoadBalancer, ports: [{port: 443, protocol: TCP}]}
                """, "apply", "-n", ns, "-f", "-");
        StatusWriter writer = new StatusWriter(client, CLOCK);
        for (int i = 0; i < 3; i++) {
            CLOCK.set(Instant.parse("2026-01-01T10:00:00Z").plus(Duration.ofMinutes(i)));
            writer.warning("v1", "Service", ns, "web", "VipPoolExhausted", "VIP pool 10.10.16.0/29 is exhausted");
        }
        String uid = get("svc", "web").path("metadata").path("uid").asText();
        JsonNode events = get("events", "--field-selector", "involvedObject.name=web").path("items");
        assertEquals(1, events.size(), "one Event, counted up: " + events);
        assertEquals(3, events.get(0).path("count").asInt());
        assertEquals(uid, events.get(0).path("involvedObject").path("uid").asText());
        String describe = kubectl(null, "describe", "svc", "-n", ns, "web");
        String eventsSection = describe.substring(describe.indexOf("Events:"));
        assertTrue(eventsSection.contains("VipPoolExhausted") && eventsSection.contains("VIP pool 10.10.16.0/29 is "
                + "exhausted") && eventsSection.contains("x3"), describe);
    }
}
