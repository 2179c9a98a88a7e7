package io.gatewarden.webhook.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.webhook.policy.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The catalogue in three places agrees: the Rule enum, {@code rule-examples.properties} (what {@code explain}
 * prints) and the tables of docs/rules.md (an anchor per rule, its failing and passing example).
 */
class RuleCatalogueTest {

    private static final Path DOCS = Path.of("..", "docs", "rules.md");
    private static final Pattern ROW = Pattern.compile("^\\| <a id=\"([a-z0-9-]+)\"></a>([A-Z0-9-]+) \\|.*$");
    private static final Pattern FILE = Pattern.compile("`([^`*]+\\.(?:yaml|json))`");

    @Test
    void everyRule_hasExamples_whoseFailingOneProducesIt() {
        for (Rule r : Rule.values()) {
            RuleExamples.Examples e = RuleExamples.of(r);
            String failing = RuleExamples.text(e.failing());
            if (!r.admissionOnly()) {
                assertTrue(failing.contains("# expect: " + r.id() + " "), r.id() + ": " + e.failing()
                        + " does not expect it");
                assertTrue(e.passing() != null, r.id() + " has no passing example");
                assertTrue(!RuleExamples.text(e.passing()).contains("# expect: " + r.id() + " "),
                        r.id() + ": the passing example expects it");
            } else {
                assertTrue(failing.contains("\"AdmissionReview\""), r.id() + ": " + e.failing());
            }
        }
    }

    @Test
    void docsTables_listEveryRuleOnce_withTheSameExamples_andAnAnchor() throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOCS)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                assertEquals(m.group(2).toLowerCase(), m.group(1), "anchor of " + m.group(2));
                List<String> cells = List.of(line.split("\\|"));
                List<String> fails = files(cells.get(cells.size() - 2));
                List<String> passes = files(cells.get(cells.size() - 1));
                // admission rows name both requests in their last cell ("Tested in")
                List<String> files = fails.isEmpty() ? passes : List.of(fails.get(0), passes.get(0));
                assertTrue(rows.put(m.group(2), files) == null, m.group(2) + " listed twice");
            }
        }
        for (Rule r : Rule.values()) {
            List<String> files = rows.get(r.id());
            assertTrue(files != null, r.id() + " is not in docs/rules.md");
            RuleExamples.Examples e = RuleExamples.of(r);
            assertEquals(name(e.failing()), files.get(0), r.id() + " failing example");
            if (e.passing() != null) {
                assertEquals(name(e.passing()), files.get(1), r.id() + " passing example");
            }
        }
        assertEquals(Rule.values().length, rows.size());
    }

    private static List<String> files(String cell) {
        List<String> out = new ArrayList<>();
        Matcher f = FILE.matcher(cell);
        while (f.find()) {
            out.add(f.group(1));
        }
        return out;
    }

    private static String name(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
