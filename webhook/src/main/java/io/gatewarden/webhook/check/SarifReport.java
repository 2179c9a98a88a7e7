package io.gatewarden.webhook.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.webhook.policy.Finding;
import io.gatewarden.webhook.policy.Rule;
import io.gatewarden.webhook.policy.Severity;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code check --output sarif}: SARIF 2.1.0, one run, one {@code rules[]} entry per catalogue rule (with its
 * {@code helpUri} into the rule catalogue) and one result per finding, located by file and line.
 */
public final class SarifReport {

    public static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private SarifReport() {
    }

    /** @param rulesUrl absolute URL of the rule catalogue (docs/rules.md); each rule links to its anchor there */
    public static ObjectNode of(CheckResult result, String version, String rulesUrl) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "gatewarden");
        driver.put("version", version);
        driver.put("informationUri", rulesUrl);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        for (Rule r : Rule.values()) {
            index.put(r.id(), index.size());
            ObjectNode rule = rules.addObject();
            rule.put("id", r.id());
            rule.put("name", r.name());
            rule.putObject("shortDescription").put("text", r.summary());
            rule.put("helpUri", rulesUrl + "#" + r.id().toLowerCase(Locale.ROOT));
            rule.putObject("defaultConfiguration").put("level", level(r.severity()));
        }
        ArrayNode results = run.putArray("results");
        for (LocatedFinding lf : result.findings()) {
            Finding f = lf.finding();
            ObjectNode r = results.addObject();
            r.put("ruleId", f.rule());
            if (index.containsKey(f.rule())) {
                r.put("ruleIndex", index.get(f.rule()));
            }
            r.put("level", level(f.severity()));
            String who = f.object().kind().isEmpty() ? "" : f.object() + " ";
            r.putObject("message").put("text", who + f.fieldMessage());
            ObjectNode location = r.putArray("locations").addObject();
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", uri(lf.file()));
            if (lf.line() > 0) {
                physical.putObject("region").put("startLine", lf.line());
            }
            if (!f.object().kind().isEmpty()) {
                location.putArray("logicalLocations").addObject()
                        .put("fullyQualifiedName", f.object() + (f.field().isRoot() ? "" : " " + f.field()))
                        .put("kind", "object");
            }
        }
        return root;
    }

    private static String level(Severity s) {
        return s == Severity.ERROR ? "error" : "warning";
    }

    /** A relative URI reference for the file, as code-scanning tools expect (forward slashes, spaces escaped). */
    private static String uri(String file) {
        String path = file.replace('\\', '/');
        if (path.startsWith("./")) {
            path = path.substring(2);
        }
        return path.replace("%", "%25").replace(" ", "%20");
    }
}
