package io.gatewarden.webhook.check;

import io.gatewarden.webhook.policy.Rule;
import io.gatewarden.webhook.policy.Severity;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A repository's {@code .gatewarden.yaml}: rules it turns off, severities it changes, files {@code check} skips
 * and files it loads for lookups only. Paths are relative to the file's folder.
 *
 * <pre>
 * disabledRules: [ING-003]
 * severity: {AVI-SVC-005: error}
 * exclude: ["infra/examples/demo/rejected/**"]
 * context: [platform/gatewayclasses.yaml]
 * </pre>
 */
public record CheckConfig(Path source, Set<String> disabledRules, Map<String, Severity> severity,
        List<String> exclude, List<Path> context) {

    public static final String FILE_NAME = ".gatewarden.yaml";
    private static final Set<String> KEYS = Set.of("disabledRules", "severity", "exclude", "context");

    /** A configuration file that cannot be used: a usage error (exit 2), with the file and key named. */
    public static final class InvalidConfigException extends RuntimeException {
        public InvalidConfigException(String message) {
            super(message);
        }
    }

    public static CheckConfig none() {
        return new CheckConfig(null, Set.of(), Map.of(), List.of(), List.of());
    }

    /** The nearest {@code .gatewarden.yaml} in {@code start}'s folder or above it, if any. */
    public static Optional<Path> discover(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            dir = dir.getParent();
        }
        for (; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static CheckConfig load(Path file) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setCodePointLimit(1024 * 1024).build())
                    .loadFromString(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read " + file + ": " + e.getMessage());
        } catch (YamlEngineException e) {
            throw new InvalidConfigException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (doc == null) {
            return new CheckConfig(file, Set.of(), Map.of(), List.of(), List.of());
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new InvalidConfigException(file + ": expected a mapping with " + String.join(", ", sorted(KEYS)));
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new InvalidConfigException(file + ": unknown key \"" + key + "\"; known keys: "
                        + String.join(", ", sorted(KEYS)));
            }
        }
        Set<String> disabled = strings(file, map, "disabledRules").stream().map(id -> knownRule(file, "disabledRules", id))
                .collect(Collectors.toSet());
        Map<String, Severity> severity = new LinkedHashMap<>();
        Object sev = map.get("severity");
        if (sev != null && !(sev instanceof Map<?, ?>)) {
            throw new InvalidConfigException(file + ": severity: expected a mapping RULE-ID: error|warning");
        }
        if (sev instanceof Map<?, ?> m) {
            m.forEach((k, v) -> severity.put(knownRule(file, "severity", String.valueOf(k)), severityOf(file, k, v)));
        }
        Path base = file.toAbsolutePath().getParent();
        List<Path> context = strings(file, map, "context").stream().map(base::resolve).toList();
        return new CheckConfig(file, disabled, severity, strings(file, map, "exclude"), context);
    }

    /** True when {@code file} matches an {@code exclude} glob (relative to the configuration's folder). */
    public boolean excludes(Path file) {
        if (exclude.isEmpty() || source == null) {
            return false;
        }
        Path base = source.toAbsolutePath().getParent();
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(base)) {
            return false;
        }
        Path relative = base.relativize(abs);
        for (String glob : exclude) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (m.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    /** The result with disabled rules dropped and severities overridden. */
    public CheckResult apply(CheckResult result) {
        if (disabledRules.isEmpty() && severity.isEmpty()) {
            return result;
        }
        List<LocatedFinding> out = new ArrayList<>();
        for (LocatedFinding lf : result.findings()) {
            if (disabledRules.contains(lf.finding().rule())) {
                continue;
            }
            Severity s = severity.get(lf.finding().rule());
            out.add(s == null ? lf : new LocatedFinding(lf.finding().withSeverity(s), lf.file(), lf.line()));
        }
        return result.withFindings(out);
    }

    private static List<String> strings(Path file, Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || list.stream().anyMatch(x -> !(x instanceof String))) {
            throw new InvalidConfigException(file + ": " + key + ": expected a list of strings");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static String knownRule(Path file, String key, String id) {
        String upper = id.trim().toUpperCase(Locale.ROOT);
        if (Arrays.stream(Rule.values()).noneMatch(r -> r.id().equals(upper))) {
            throw new InvalidConfigException(file + ": " + key + ": no rule " + id + " (see `gatewarden rules`)");
        }
        return upper;
    }

    private static Severity severityOf(Path file, Object rule, Object value) {
        String v = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "error" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            default -> throw new InvalidConfigException(file + ": severity[" + rule + "]: \"" + value
                    + "\" is not error or warning");
        };
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
