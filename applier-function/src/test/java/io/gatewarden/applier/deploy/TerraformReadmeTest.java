package io.gatewarden.applier.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module README's Inputs and Outputs tables are its variables.tf and outputs.tf: the same names, the same
 * descriptions, and "required" exactly for the variables without a default (parsed with hcl4j).
 */
class TerraformReadmeTest {

    private static final Path MODULES = Path.of("..", "terraform", "modules");
    private static final Pattern INPUT = Pattern.compile("(?m)^\\| `([^`]+)` \\| ((?:[^|\\\\]|\\\\\\|)+) \\|(.*)\\|$");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^\\| `([^`]+)` \\| (.+) \\|$");

    /** name → "description|required" (inputs) or name → description (outputs), from one README section. */
    private static Map<String, String> table(String readme, String section, boolean inputs) {
        int start = readme.indexOf("## " + section);
        assertTrue(start >= 0, "no section " + section);
        int end = readme.indexOf("\n## ", start + 3);
        Matcher m = (inputs ? INPUT : OUTPUT).matcher(readme.substring(start, end < 0 ? readme.length() : end));
        Map<String, String> out = new TreeMap<>();
        while (m.find()) {
            String description = m.group(2).replace("\\|", "|").strip();
            if (inputs) {
                String[] cells = m.group(3).split("\\|");
                out.put(m.group(1), description + "|" + cells[cells.length - 1].strip());
            } else {
                out.put(m.group(1), description);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> blocks(Path file, String kind) throws Exception {
        Object b = new HCLParser().parse(file.toFile(), "UTF-8").get(kind);
        return b == null ? Map.of() : (Map<String, Map<String, Object>>) b;
    }

    @Test
    void everyModuleReadme_listsItsInputsAndOutputs() throws Exception {
        int modules = 0;
        try (Stream<Path> dirs = Files.list(MODULES)) {
            for (Path dir : dirs.sorted().toList()) {
                modules++;
                String readme = Files.readString(dir.resolve("README.md"));
                Map<String, String> inputs = new TreeMap<>();
                blocks(dir.resolve("variables.tf"), "variable").forEach((name, v) ->
                        inputs.put(name, v.get("description") + "|" + (v.containsKey("default") ? "no" : "yes")));
                Map<String, String> outputs = new TreeMap<>();
                blocks(dir.resolve("outputs.tf"), "output").forEach((name, o) ->
                        outputs.put(name, String.valueOf(o.get("description"))));
                assertTrue(inputs.size() >= 1 && outputs.size() >= 1, dir.toString());
                assertEquals(inputs, table(readme, "Inputs", true), dir + "/README.md inputs");
                assertEquals(outputs, table(readme, "Outputs", false), dir + "/README.md outputs");
            }
        }
        assertEquals(6, modules);
    }
}
