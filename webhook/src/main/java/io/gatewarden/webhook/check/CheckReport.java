package io.gatewarden.webhook.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.webhook.policy.Finding;

/** The text and JSON output formats of {@code check}; the webhook's POST /check answers the JSON one. */
public final class CheckReport {

    private CheckReport() {
    }

    /** {@code SEVERITY file:line Kind namespace/name field: message [RULE-ID]} per finding, then a summary. */
    public static String text(CheckResult result) {
        StringBuilder sb = new StringBuilder();
        for (LocatedFinding lf : result.findings()) {
            Finding f = lf.finding();
            String who = f.object().kind().isEmpty() ? "-" : f.object().toString();
            sb.append(f.severity().name()).append(' ').append(lf.file()).append(':').append(lf.line()).append(' ')
                    .append(who).append(' ').append(f.fieldMessage()).append(" [").append(f.rule()).append("]\n");
        }
        return sb.append(summary(result)).toString();
    }

    /** The closing line of the text and github formats. */
    public static String summary(CheckResult result) {
        return result.objects() + " objects checked: " + result.errors() + " errors, " + result.warnings()
                + " warnings\n";
    }

    public static ObjectNode json(CheckResult result) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode findings = root.putArray("findings");
        for (LocatedFinding lf : result.findings()) {
            Finding f = lf.finding();
            ObjectNode n = findings.addObject();
            n.put("rule", f.rule());
            n.put("severity", f.severity().label());
            n.put("kind", f.object().kind());
            n.put("apiVersion", f.object().apiVersion());
            n.put("namespace", f.object().namespace());
            n.put("name", f.object().name());
            n.put("file", lf.file());
            n.put("line", lf.line());
            n.put("field", f.field().toString());
            n.put("message", f.message());
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("objects", result.objects());
        summary.put("errors", result.errors());
        summary.put("warnings", result.warnings());
        return root;
    }
}
