package io.gatewarden.webhook.check;

import io.gatewarden.webhook.policy.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code check --output junit}: JUnit XML with one testcase per checked object (classname the file, name the
 * object). Errors fail the testcase; warnings are listed in its system-out. Findings that belong to no object
 * (a YAML syntax error) get a testcase of their own, named after the file and line.
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static String of(CheckResult result) {
        Map<String, List<LocatedFinding>> byCase = new LinkedHashMap<>();
        Map<String, String[]> cases = new LinkedHashMap<>();
        for (CheckResult.CheckedObject o : result.checked()) {
            String key = o.file() + "|" + o.ref();
            cases.putIfAbsent(key, new String[] {o.file(), o.ref()});
            byCase.putIfAbsent(key, new ArrayList<>());
        }
        for (LocatedFinding lf : result.findings()) {
            Finding f = lf.finding();
            String name = f.object().kind().isEmpty() ? "line " + lf.line() : f.object().toString();
            String key = lf.file() + "|" + name;
            cases.putIfAbsent(key, new String[] {lf.file(), name});
            byCase.computeIfAbsent(key, k -> new ArrayList<>()).add(lf);
        }
        long failing = byCase.values().stream().filter(l -> l.stream().anyMatch(x -> x.finding().isError())).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"gatewarden check\" tests=\"").append(cases.size()).append("\" failures=\"")
                .append(failing).append("\">\n");
        sb.append("  <testsuite name=\"gatewarden check\" tests=\"").append(cases.size()).append("\" failures=\"")
                .append(failing).append("\" errors=\"0\" skipped=\"0\">\n");
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            List<LocatedFinding> findings = byCase.get(c.getKey());
            sb.append("    <testcase classname=\"").append(xml(c.getValue()[0])).append("\" name=\"")
                    .append(xml(c.getValue()[1])).append("\"");
            if (findings.isEmpty()) {
                sb.append("/>\n");
                continue;
            }
            sb.append(">\n");
            List<LocatedFinding> errors = findings.stream().filter(x -> x.finding().isError()).toList();
            if (!errors.isEmpty()) {
                sb.append("      <failure type=\"").append(xml(errors.get(0).finding().rule())).append("\" message=\"")
                        .append(xml(errors.size() + " error" + (errors.size() == 1 ? "" : "s") + ": "
                                + errors.get(0).finding().fieldMessage())).append("\">");
                errors.forEach(e -> sb.append(xml(line(e))).append('\n'));
                sb.append("</failure>\n");
            }
            List<LocatedFinding> warnings = findings.stream().filter(x -> !x.finding().isError()).toList();
            if (!warnings.isEmpty()) {
                sb.append("      <system-out>");
                warnings.forEach(w -> sb.append(xml(line(w))).append('\n'));
                sb.append("</system-out>\n");
            }
            sb.append("    </testcase>\n");
        }
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    private static String line(LocatedFinding lf) {
        Finding f = lf.finding();
        return f.severity().name() + " " + lf.file() + ":" + lf.line() + " " + f.fieldMessage() + " [" + f.rule() + "]";
    }

    private static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append(' '); // not allowed in XML 1.0
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
