package io.gatewarden.webhook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.webhook.policy.Rule;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CI formats of {@code check}: SARIF validated against the published SARIF 2.1.0 schema (OASIS, errata 01,
 * kept as a test resource), JUnit XML parsed as XML, GitHub workflow commands as GitHub reads them.
 */
class CheckFormatsTest {

    static String fixture(String name) throws Exception {
        return Path.of(CheckFormatsTest.class.getResource("/io/gatewarden/webhook/check/cases/" + name).toURI())
                .toString();
    }

    @Test
    void sarif_validatesAgainstThePublishedSchema_withOneRulePerCatalogueEntry() throws Exception {
        String file = fixture("VIP-001-fail-shared.yaml");
        PlainCli.Run r = PlainCli.run("check", "--output", "sarif", "-f", file, "-f", fixture("ING-001-warn-installed-class.yaml"));
        assertEquals(1, r.code(), r.err());
        JsonNode sarif = Json.mapper().readTree(r.out());
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        Set<ValidationMessage> problems = schema.validate(sarif);
        assertEquals(Set.of(), problems);

        JsonNode run = sarif.path("runs").get(0);
        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertEquals(Rule.values().length, rules.size());
        assertTrue(rules.get(0).path("helpUri").asText().startsWith("https://"), rules.get(0).toString());
        assertTrue(rules.get(0).path("helpUri").asText().contains("rules.md#man-001"));
        JsonNode first = null;
        for (JsonNode result : run.path("results")) {
            if (result.path("ruleId").asText().equals("VIP-001")) {
                first = result;
                break;
            }
        }
        assertEquals("VIP-001", first.path("ruleId").asText());
        assertEquals("VIP-001", rules.get(first.path("ruleIndex").asInt()).path("id").asText());
        assertEquals("error", first.path("level").asText());
        JsonNode location = first.path("locations").get(0).path("physicalLocation");
        assertEquals(34, location.path("region").path("startLine").asInt());
        assertTrue(location.path("artifactLocation").path("uri").asText().endsWith("VIP-001-fail-shared.yaml"));
        assertTrue(run.path("results").findValuesAsText("level").contains("warning"));
    }

    @Test
    void sarif_ofACleanSet_hasNoResults_andStillValidates() throws Exception {
        PlainCli.Run r = PlainCli.run("check", "--output", "sarif", "-f", fixture("GW-pass.yaml"));
        assertEquals(0, r.code());
        JsonNode sarif = Json.mapper().readTree(r.out());
        assertEquals(0, sarif.path("runs").get(0).path("results").size());
    }

    @Test
    void junit_hasOneTestcasePerObject_errorsFail_warningsInSystemOut() throws Exception {
        PlainCli.Run r = PlainCli.run("check", "--output", "junit", "-f", fixture("VIP-001-fail-shared.yaml"),
                "-f", fixture("ING-001-warn-installed-class.yaml"));
        assertEquals(1, r.code());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(8, cases.getLength()); // 7 Services + 1 Ingress
        assertEquals(5, doc.getElementsByTagName("failure").getLength());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("8", suite.getAttribute("tests"));
        assertEquals("5", suite.getAttribute("failures"));
        Element billingB = byName(cases, "Service red/billing-b");
        Element failure = (Element) billingB.getElementsByTagName("failure").item(0);
        assertEquals("VIP-001", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("which already serves TCP/443"), failure.getTextContent());
        Element ingress = byName(cases, "Ingress default/minimal");
        assertEquals(0, ingress.getElementsByTagName("failure").getLength());
        assertTrue(ingress.getElementsByTagName("system-out").item(0).getTextContent().contains("[ING-001]"));
        assertEquals(0, byName(cases, "Service red/billing-a").getChildNodes().getLength());
    }

    @Test
    void github_writesOneWorkflowCommandPerFinding_withEscapedProperties() throws Exception {
        String file = fixture("ING-001-warn-installed-class.yaml");
        PlainCli.Run r = PlainCli.run("check", "--output", "github", "-f", file, "-f", fixture("GW-005-fail-short-ipv4.yaml"));
        assertEquals(1, r.code());
        List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size(), r.out()); // 3 errors, 1 warning, summary
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("::warning file=" + file + ",line=11,title=ING-001::Ingress "
                + "default/minimal spec.ingressClassName: Not found")), r.out());
        assertTrue(lines.stream().filter(l -> l.startsWith("::error ")).allMatch(l -> l.contains(",title=GW-005::")));
        assertEquals("2 objects checked: 3 errors, 1 warnings", lines.get(4));
    }

    private static Element byName(NodeList cases, String name) {
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + name);
    }
}
