package io.gatewarden.webhook.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admission webhook over real HTTPS with real AdmissionReview JSON. */
class WebhookIT {

    @TempDir
    static Path tmp;

    private static WebhookServer server;

    @BeforeAll
    static void start() throws Exception {
        String state = Path.of(WebhookIT.class.getResource("state").toURI()).toString();
        server = new WebhookServer(tmp.resolve("tls"), Map.of(
                "gatewarden.cluster.source", "MANIFESTS",
                "gatewarden.cluster.state-from", state,
                "gatewarden.mutation.segments.oam.infra-setting", "oam",
                "gatewarden.mutation.segments.oam.ingress-class", "avi-oam",
                "gatewarden.mutation.segments.missing.infra-setting", "nope",
                "gatewarden.check-endpoint.enabled", true));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = WebhookIT.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static JsonNode answer(String endpoint, String fixture) throws Exception {
        HttpResponse<String> r = server.post(endpoint, fixture(fixture));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode review = Json.mapper().readTree(r.body());
        assertEquals("admission.k8s.io/v1", review.path("apiVersion").asText());
        assertEquals("AdmissionReview", review.path("kind").asText());
        assertEquals(Json.mapper().readTree(fixture(fixture)).path("request").path("uid").asText(),
                review.path("response").path("uid").asText());
        return review.path("response");
    }

    @Test
    void create_withAPortNoListenerServes_isDeniedWith422AndTheFieldPath() throws Exception {
        JsonNode r = answer("/validate", "create-service-bad-port.json");
        assertFalse(r.path("allowed").asBoolean());
        assertEquals(422, r.path("status").path("code").asInt());
        assertEquals("Service oam/web-statefulset-service-oam is refused by gatewarden: spec.ports[0]: Not found: "
                + "\"TCP/8443\": Gateway oam/gw has no listener TCP/8443; its listeners are [TCP/53, UDP/53, TCP/443] "
                + "— AKO never serves this port [AVI-SVC-003]", r.path("status").path("message").asText());
        assertTrue(r.path("patch").isMissingNode());
    }

    @Test
    void ignoreAnnotation_turnsTheRulesDenialIntoAWarningWithTheReason() throws Exception {
        JsonNode r = answer("/validate", "create-service-bad-port-ignored.json");
        assertTrue(r.path("allowed").asBoolean(), r.toString());
        String warning = r.path("warnings").get(0).asText();
        assertTrue(warning.startsWith("[AVI-SVC-003] spec.ports[0]: ignored by gatewarden.io/ignore (listener TCP/8443 "
                + "is added in the next release): Not fo"), warning);
    }

    @Test
    void dryRun_givesTheSameVerdict() throws Exception {
        JsonNode real = answer("/validate", "create-service-bad-port.json");
        JsonNode dry = answer("/validate", "dryrun-service-bad-port.json");
        assertEquals(real.path("status"), dry.path("status"));
        assertEquals(real.path("allowed"), dry.path("allowed"));
    }

    @Test
    void namespaceInWarnMode_allowsAndWarnsInShortLines() throws Exception {
        JsonNode r = answer("/validate", "create-service-warn-namespace.json");
        assertTrue(r.path("allowed").asBoolean());
        assertEquals(1, r.path("warnings").size());
        String warning = r.path("warnings").get(0).asText();
        assertTrue(warning.length() <= 120, warning);
        assertTrue(warning.startsWith("[AVI-SVC-003] spec.ports[0]: Not found: \"TCP/8443\": Gateway oam/gw has no "
                + "listener"), warning);
        assertTrue(warning.endsWith("…"), warning);
    }

    @Test
    void delete_isAllowedWithoutPatch_onBothEndpoints() throws Exception {
        for (String endpoint : new String[] {"/validate", "/mutate"}) {
            JsonNode r = answer(endpoint, "delete-service.json");
            assertTrue(r.path("allowed").asBoolean());
            assertTrue(r.path("patch").isMissingNode());
            assertTrue(r.path("patchType").isMissingNode());
        }
    }

    @Test
    void update_changingAGatewayClassController_isDenied() throws Exception {
        JsonNode r = answer("/validate", "update-gatewayclass-controller.json");
        assertFalse(r.path("allowed").asBoolean());
        assertTrue(r.path("status").path("message").asText().contains("spec.controller: Forbidden: the controller of a "
                + "GatewayClass is immutable (was \"ako.vmware.com/avi-lb\")"), r.toString());
        assertTrue(r.path("status").path("message").asText().endsWith("[UPD-001]"), r.toString());
    }

    @Test
    void update_changingAGatewayVip_saysDeleteAndRecreate() throws Exception {
        JsonNode r = answer("/validate", "update-gateway-address.json");
        assertFalse(r.path("allowed").asBoolean());
        assertTrue(r.path("status").path("message").asText().contains("delete and recreate the Gateway [UPD-002]"),
                r.toString());
        assertTrue(answer("/validate", "update-gateway-same-address.json").path("allowed").asBoolean());
    }

    @Test
    void unknownKinds_andOtherControllersObjects_areAllowedUntouched() throws Exception {
        for (String endpoint : new String[] {"/validate", "/mutate"}) {
            JsonNode cm = answer(endpoint, "create-configmap.json");
            assertTrue(cm.path("allowed").asBoolean());
            assertTrue(cm.path("patch").isMissingNode() && cm.path("warnings").isMissingNode());
            JsonNode other = answer(endpoint, "mutate-lb-service-other-class.json");
            assertTrue(other.path("allowed").asBoolean());
            assertTrue(other.path("patch").isMissingNode() && other.path("warnings").isMissingNode());
        }
    }

    @Test
    void validate_neverReturnsAPatch() throws Exception {
        JsonNode r = answer("/validate", "mutate-lb-service.json");
        assertTrue(r.path("allowed").asBoolean());
        assertTrue(r.path("patch").isMissingNode());
    }

    private static JsonNode applyPatch(String fixture, JsonNode response) throws Exception {
        assertEquals("JSONPatch", response.path("patchType").asText());
        JsonNode patch = Json.mapper().readTree(Base64.getDecoder().decode(response.path("patch").asText()));
        JsonNode original = Json.mapper().readTree(fixture(fixture)).path("request").path("object");
        return JsonPatch.apply(patch, original);
    }

    @Test
    void mutate_injectsTheSegmentsInfraSetting_withAMinimalEscapedPatch() throws Exception {
        JsonNode r = answer("/mutate", "mutate-lb-service.json");
        String patch = new String(Base64.getDecoder().decode(r.path("patch").asText()), StandardCharsets.UTF_8);
        assertEquals("[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":"
                + "{\"aviinfrasetting.ako.vmware.com/name\":\"oam\"}}]", patch);
        JsonNode expected = Json.mapper().readTree(fixture("mutate-lb-service.json")).path("request").path("object")
                .deepCopy();
        ((ObjectNode) expected.path("metadata")).putObject("annotations").put("aviinfrasetting.ako.vmware.com/name", "oam");
        assertEquals(expected, applyPatch("mutate-lb-service.json", r));
    }

    @Test
    void mutate_usesTheNamespaceAnnotation_andEscapesSlashesInAnExistingMap() throws Exception {
        JsonNode r = answer("/mutate", "mutate-lb-service-traffic.json");
        JsonNode patched = applyPatch("mutate-lb-service-traffic.json", r);
        assertEquals("traffic", patched.path("metadata").path("annotations")
                .path("aviinfrasetting.ako.vmware.com/name").asText());
    }

    @Test
    void mutate_addsIntoAnExistingAnnotationMap_withJsonPointerEscaping() throws Exception {
        JsonNode r = answer("/mutate", "mutate-lb-service-annotated.json");
        String patch = new String(Base64.getDecoder().decode(r.path("patch").asText()), StandardCharsets.UTF_8);
        assertEquals("[{\"op\":\"add\",\"path\":\"/metadata/annotations/aviinfrasetting.ako.vmware.com~1name\","
                + "\"value\":\"traffic\"}]", patch);
        JsonNode patched = applyPatch("mutate-lb-service-annotated.json", r);
        assertEquals("dns", patched.path("metadata").path("annotations").path("team").asText());
    }

    @Test
    void mutate_isIdempotent() throws Exception {
        JsonNode first = answer("/mutate", "mutate-lb-service.json");
        JsonNode mutated = applyPatch("mutate-lb-service.json", first);
        ObjectNode review = (ObjectNode) Json.mapper().readTree(fixture("mutate-lb-service.json"));
        ((ObjectNode) review.path("request")).set("object", mutated);
        HttpResponse<String> again = server.post("/mutate", Json.mapper().writeValueAsBytes(review));
        JsonNode second = Json.mapper().readTree(again.body()).path("response");
        assertTrue(second.path("allowed").asBoolean());
        assertTrue(second.path("patch").isMissingNode(), second.toString());
    }

    @Test
    void mutate_givesAnIngressItsClass() throws Exception {
        JsonNode patched = applyPatch("mutate-ingress.json", answer("/mutate", "mutate-ingress.json"));
        assertEquals("avi-traffic", patched.path("spec").path("ingressClassName").asText());
    }

    @Test
    void mutate_injectsNothingThatDoesNotExist_andSaysWhy() throws Exception {
        JsonNode r = answer("/mutate", "mutate-lb-service-missing-setting.json");
        assertTrue(r.path("allowed").asBoolean());
        assertTrue(r.path("patch").isMissingNode());
        String warning = r.path("warnings").get(0).asText();
        assertEquals(120, warning.length());
        assertTrue(warning.startsWith("[MUT-001] metadata.annotations[aviinfrasetting.ako.vmware.com/name]: Not found: "
                + "\"nope\": the namespace asks for AviInfra"), warning);
    }

    @Test
    void malformedJson_is400WithOneLine() throws Exception {
        HttpResponse<String> r = server.post("/validate", "{\"apiVersion\": ".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().startsWith("malformed JSON: "), r.body());
        assertEquals(1, r.body().lines().count());
    }

    @Test
    void jsonThatIsNotAnAdmissionReview_is400() throws Exception {
        HttpResponse<String> r = server.post("/mutate", "{\"apiVersion\":\"v1\",\"kind\":\"Service\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertEquals("not an AdmissionReview: expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got "
                + "\"v1\" / \"Service\"\n", r.body());
        HttpResponse<String> noUid = server.post("/validate", ("{\"apiVersion\":\"admission.k8s.io/v1\","
                + "\"kind\":\"AdmissionReview\",\"request\":{}}").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, noUid.statusCode());
        HttpResponse<String> empty = server.post("/validate", new byte[0]);
        assertEquals(400, empty.statusCode());
    }

    @Test
    void oversizedBody_is413() throws Exception {
        byte[] big = new byte[4 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> r = server.post("/validate", big);
        assertEquals(413, r.statusCode());
    }

    @Test
    void plainHttp_isRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.server.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("POST /validate HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] reply = s.getInputStream().readNBytes(64);
            assertFalse(new String(reply, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200"));
            assertFalse(new String(reply, StandardCharsets.ISO_8859_1).contains("AdmissionReview"));
        } catch (IOException expected) {
            // connection reset: also a refusal
        }
        assertThrows(IOException.class, () -> java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.server.getPort()
                        + "/validate")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** A TLS 1.2 handshake offering only {@code suite}: true when the server accepts it. */
    private static boolean handshakes(String suite) throws Exception {
        javax.net.ssl.SSLContext ssl = WebhookServer.trusting(server.tlsDir.resolve("ca.crt"));
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) ssl.getSocketFactory()
                .createSocket("127.0.0.1", server.server.getPort())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {suite});
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return true;
        } catch (javax.net.ssl.SSLException refused) {
            return false;
        }
    }

    @Test
    void tls_offersForwardSecretAeadSuitesOnly() throws Exception {
        assertTrue(handshakes("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        assertFalse(handshakes("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"), "CBC is not offered");
        assertFalse(handshakes("TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"), "CBC is not offered");
    }

    @Test
    void managementEndpoints_otherThanHealthAndPrometheus_areOff() throws Exception {
        for (String path : java.util.List.of("/beans", "/threaddump", "/routes", "/metrics", "/env", "/loggers", "/info")) {
            assertEquals(404, server.get(path).statusCode(), path);
            assertEquals(404, server.management(path).statusCode(), path);
        }
        assertEquals(404, server.post("/refresh", "{}".getBytes(StandardCharsets.UTF_8)).statusCode());
        assertEquals(200, server.management("/health/readiness").statusCode());
        assertEquals(200, server.management("/prometheus").statusCode());
    }

    @Test
    void healthAndMetrics_answerOnlyOnTheManagementPort_notOnTheAdmissionPort() throws Exception {
        for (String path : java.util.List.of("/health", "/health/readiness", "/health/liveness", "/prometheus")) {
            assertEquals(404, server.get(path).statusCode(), "admission port " + path);
            assertEquals(200, server.management(path).statusCode(), "management port " + path);
        }
        assertEquals(404, server.management("/validate").statusCode(), "admission is not on the management port");
    }

    @Test
    void checkEndpoint_refusesAnAliasBomb_andDeepNesting_with400AndOneLine() throws Exception {
        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  l0: &l0 [lol]\n");
        for (int level = 1; level <= 6; level++) {
            bomb.append("  l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(8, "*l" + (level - 1)))).append("]\n");
        }
        String deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + "[".repeat(100_000)
                + "]".repeat(100_000) + "\n";
        for (String body : java.util.List.of(bomb.toString(), deep)) {
            HttpResponse<String> r = server.post("/check", body.getBytes(StandardCharsets.UTF_8));
            assertEquals(400, r.statusCode(), r.body());
            assertEquals(1, r.body().lines().count(), r.body());
            assertTrue(r.body().startsWith("request:1: "), r.body());
        }
    }

    @Test
    void checkEndpoint_answersTheCheckJson() throws Exception {
        HttpResponse<String> r = server.post("/check", WebhookIT.class.getResourceAsStream(
                "/io/gatewarden/webhook/check/cases/AVI-GW-001-fail.yaml").readAllBytes());
        assertEquals(200, r.statusCode());
        JsonNode json = Json.mapper().readTree(r.body());
        assertEquals(2, json.path("summary").path("errors").asInt());
        assertEquals("AVI-GW-001", json.path("findings").get(0).path("rule").asText());
        assertEquals("request", json.path("findings").get(0).path("file").asText());
    }

    @Test
    void operability_readinessAndMetrics() throws Exception {
        answer("/validate", "create-service-bad-port.json");
        assertEquals(400, server.post("/mutate", "[]".getBytes(StandardCharsets.UTF_8)).statusCode());
        HttpResponse<String> ready = server.management("/health/readiness");
        assertEquals(200, ready.statusCode(), ready.body());
        HttpResponse<String> live = server.management("/health/liveness");
        assertEquals(200, live.statusCode());
        String metrics = server.management("/prometheus").body();
        assertTrue(metrics.contains("gatewarden_admission_requests_total{endpoint=\"validate\",kind=\"Service\","
                + "mode=\"enforce\",operation=\"CREATE\",verdict=\"denied\"}"), metrics);
        assertTrue(metrics.contains("gatewarden_findings_total{rule=\"AVI-SVC-003\",severity=\"error\"}"));
        assertTrue(metrics.contains("gatewarden_admission_latency_seconds_bucket"));
        assertTrue(metrics.contains("gatewarden_cluster_synced 1.0"));
        assertTrue(metrics.contains("gatewarden_admission_bad_requests_total{endpoint=\"mutate\",reason=\"bad-review\"}"),
                metrics);
    }
}
