package io.gatewarden.webhook.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.gatewarden.model.manifest.ManifestObject;
import io.gatewarden.model.manifest.ManifestParser;
import io.gatewarden.model.manifest.ParseResult;
import io.gatewarden.webhook.check.CheckReport;
import io.gatewarden.webhook.check.CheckResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Helm chart (infra/helm/gatewarden) through helm-java, the native helm library: it lints clean (strict), renders
 * with default, strict and serverless values, what it renders passes {@code check}, its webhook rules are the kinds
 * and operations the code handles, its values table is {@code values.yaml}, and its CRDs are infra/deploy/crds'.
 */
class HelmChartTest {

    static final Path CHART = InfraCheckTest.INFRA.resolve("helm/gatewarden");

    @TempDir
    Path tmp;

    private static String render(Map<String, Object> values) {
        var t = new Helm(CHART).template().withName("gatewarden").withNamespace("gatewarden");
        values.forEach(t::set);
        return t.call();
    }

    private ParseResult parse(String rendered) {
        return new ManifestParser().parse("rendered.yaml", rendered);
    }

    private static List<ManifestObject> ofKind(ParseResult parsed, String kind) {
        return parsed.objects().stream().filter(o -> o.kind().equals(kind)).toList();
    }

    @Test
    void lint_isCleanEvenStrict() {
        LintResult r = new Helm(CHART).lint().strict().call();
        assertFalse(r.isFailed(), String.join("\n", r.getMessages()));
    }

    @Test
    void defaultValues_renderTheWebhook_thatPassesTheRules_withTheRulesTheCodeHandles() throws Exception {
        String rendered = render(Map.of());
        ParseResult parsed = parse(rendered);
        for (String kind : List.of("Deployment", "Service", "ServiceAccount", "ClusterRole", "ClusterRoleBinding",
                "NetworkPolicy", "PodDisruptionBudget", "Secret", "ConfigMap", "ValidatingWebhookConfiguration",
                "MutatingWebhookConfiguration")) {
            assertFalse(ofKind(parsed, kind).isEmpty(), kind + " missing");
        }
        assertTrue(ofKind(parsed, "ServiceMonitor").isEmpty(), "ServiceMonitor is off by default");
        assertEquals(WebhookRulesTest.expected(false), WebhookRulesTest.rulesOf(parsed, "ValidatingWebhookConfiguration"));
        assertEquals(WebhookRulesTest.expected(true), WebhookRulesTest.rulesOf(parsed, "MutatingWebhookConfiguration"));
        for (String kind : List.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")) {
            JsonNode w = ofKind(parsed, kind).get(0).raw().path("webhooks").get(0);
            assertEquals("Ignore", w.path("failurePolicy").asText());
            assertEquals("gatewarden", w.path("clientConfig").path("service").path("name").asText());
            assertTrue(w.path("clientConfig").path("caBundle").asText().length() > 100, "the generated CA is injected");
            assertEquals("[\"kube-system\",\"gatewarden\"]",
                    w.path("namespaceSelector").path("matchExpressions").get(0).path("values").toString());
        }
        JsonNode env = ofKind(parsed, "Deployment").get(0).raw().path("spec").path("template").path("spec")
                .path("containers").get(0).path("env");
        assertTrue(env.toString().contains("{\"name\":\"GATEWARDEN_PUBLISH_ENABLED\",\"value\":\"false\"}"),
                "no queue URL, no publishing: " + env);
        assertChecksClean(rendered);
    }

    @Test
    void strictValues_failClosed_andPublishingOn_carriesTheQueueAndTheIrsaRole() throws Exception {
        ParseResult parsed = parse(render(Map.of("failurePolicy.validating", "Fail", "failurePolicy.mutating", "Fail",
                "publishing.queueUrl", "https://sqs.eu-west-1.amazonaws.com/123456789012/gw.fifo",
                "publishing.roleArn", "arn:aws:iam::123456789012:role/gw-webhook", "serviceMonitor.enabled", "true",
                "tls.certManager.enabled", "true")));
        for (String kind : List.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration")) {
            ManifestObject o = ofKind(parsed, kind).get(0);
            assertEquals("Fail", o.raw().path("webhooks").get(0).path("failurePolicy").asText());
            assertEquals("gatewarden/gatewarden",
                    o.raw().path("metadata").path("annotations").path("cert-manager.io/inject-ca-from").asText());
        }
        assertEquals(1, ofKind(parsed, "Certificate").size());
        assertTrue(ofKind(parsed, "Secret").isEmpty(), "cert-manager writes the Secret");
        assertEquals(1, ofKind(parsed, "ServiceMonitor").size());
        assertEquals("arn:aws:iam::123456789012:role/gw-webhook", ofKind(parsed, "ServiceAccount").get(0).raw()
                .path("metadata").path("annotations").path("eks.amazonaws.com/role-arn").asText());
        String env = ofKind(parsed, "Deployment").get(0).raw().path("spec").path("template").path("spec")
                .path("containers").get(0).path("env").toString();
        assertTrue(env.contains("{\"name\":\"GATEWARDEN_PUBLISH_ENABLED\",\"value\":\"true\"}")
                && env.contains("gw.fifo"), env);
    }

    @Test
    void serverlessValues_renderOnlyTheWebhookConfigurations_callingTheFunctionUrl() throws Exception {
        String rendered = render(Map.of("serverless.url", "https://abc123.lambda-url.eu-west-1.on.aws"));
        ParseResult parsed = parse(rendered);
        assertEquals(java.util.Set.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"),
                parsed.objects().stream().map(ManifestObject::kind).collect(java.util.stream.Collectors.toSet()));
        assertEquals(2, parsed.objects().size(), "nothing runs in the cluster");
        assertEquals("https://abc123.lambda-url.eu-west-1.on.aws/validate", ofKind(parsed,
                "ValidatingWebhookConfiguration").get(0).raw().path("webhooks").get(0).path("clientConfig")
                .path("url").asText());
        assertEquals(WebhookRulesTest.expected(false), WebhookRulesTest.rulesOf(parsed, "ValidatingWebhookConfiguration"));
        assertChecksClean(rendered);
    }

    @Test
    void segments_reachTheMutationConfigFile() {
        ParseResult parsed = parse(new Helm(CHART).template().withName("gatewarden").withNamespace("gatewarden")
                .set("segments.oam.infra-setting", "oam").set("segments.oam.ingress-class", "avi-oam").call());
        String file = ofKind(parsed, "ConfigMap").get(0).raw().path("data").path("gatewarden.yml").asText();
        assertTrue(file.contains("infra-setting: oam") && file.contains("ingress-class: avi-oam"), file);
    }

    private void assertChecksClean(String rendered) throws IOException {
        Path file = tmp.resolve("rendered.yaml");
        Files.writeString(file, rendered);
        CheckResult r = InfraCheckTest.check(List.of(file.toString()));
        assertTrue(r.objects() > 0);
        assertEquals(0, r.findings().size(), () -> CheckReport.text(r));
    }

    /** Every value commented with {@code # --} in values.yaml is a README row with its default, and nothing else. */
    @Test
    void valuesTable_equalsValuesYaml() throws Exception {
        List<String> lines = Files.readAllLines(CHART.resolve("values.yaml"));
        JsonNode values = new YAMLMapper().readTree(CHART.resolve("values.yaml").toFile());
        Map<String, String> documented = new LinkedHashMap<>();
        List<String> path = new ArrayList<>();
        boolean described = false;
        Pattern key = Pattern.compile("^( *)([A-Za-z0-9_]+):");
        for (String line : lines) {
            if (line.strip().startsWith("# --")) {
                described = true;
                continue;
            }
            Matcher m = key.matcher(line);
            if (!m.find()) {
                continue;
            }
            int depth = m.group(1).length() / 2;
            while (path.size() > depth) {
                path.remove(path.size() - 1);
            }
            path.add(m.group(2));
            if (described) {
                JsonNode v = values;
                for (String k : path) {
                    v = v.path(k);
                }
                documented.put(String.join(".", path), v.toString());
            }
            described = false;
        }
        Map<String, String> table = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\| `(.*)` \\| (.+) \\|$")
                .matcher(Files.readString(CHART.resolve("README.md")));
        while (row.find()) {
            table.put(row.group(1), row.group(2));
        }
        assertTrue(documented.size() >= 20, "values found: " + documented.keySet());
        assertEquals(documented, table);
    }

    @Test
    void chartCrds_areTheKustomizeCrds() throws Exception {
        try (Stream<Path> files = Files.list(CHART.resolve("crds"))) {
            for (Path f : files.toList()) {
                assertEquals(Files.readString(InfraCheckTest.INFRA.resolve("deploy/crds").resolve(f.getFileName())),
                        Files.readString(f), f + " differs from infra/deploy/crds");
            }
        }
    }
}
