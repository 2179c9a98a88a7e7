package io.gatewarden.webhook.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.webhook.cluster.ManifestSources;
import io.gatewarden.webhook.policy.Finding;
import io.gatewarden.webhook.policy.PolicyEngine;
import io.gatewarden.webhook.policy.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven rule tests: each fixture in {@code cases/} states its expected findings in
 * {@code # expect: RULE severity Kind namespace/name field} comment lines; a fixture without them must be clean.
 * {@code # expect-message: text} lines must each appear in some finding's message, and {@code # options: --strict-refs}
 * checks the fixture as {@code check --strict-refs} does (missing references are errors, as at admission).
 */
class RuleCasesTest {

    private static final ManifestCheck CHECK = new ManifestCheck(new PolicyEngine());

    static Path casesDir() throws URISyntaxException {
        return Path.of(RuleCasesTest.class.getResource("cases").toURI());
    }

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(casesDir())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static List<String> expectations(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith("# expect: "))
                .map(l -> l.substring("# expect: ".length()).trim()).sorted().toList();
    }

    static List<String> lines(Path file, String prefix) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).trim()).toList();
    }

    static String describe(Finding f) {
        return f.rule() + " " + f.severity().label() + " " + f.object() + " " + f.field();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fixture_yieldsExactlyItsExpectedFindings(String name) throws Exception {
        Path file = casesDir().resolve(name);
        boolean strictRefs = lines(file, "# options: ").stream().anyMatch(o -> o.startsWith("--strict-refs"));
        CheckResult result = CHECK.check(new ManifestSources().read(List.of(file.toString()), InputStream.nullInputStream()),
                List.of(), strictRefs);
        List<String> actual = result.findings().stream().map(lf -> describe(lf.finding())).sorted().toList();
        assertEquals(expectations(file), actual, () -> CheckReport.text(result));
        for (String text : lines(file, "# expect-message: ")) {
            assertTrue(result.findings().stream().anyMatch(lf -> lf.finding().message().contains(text)),
                    () -> "no finding says \"" + text + "\":\n" + CheckReport.text(result));
        }
    }

    @Test
    void everyRule_hasAFailingFixture_andPassingFixturesExist() throws Exception {
        Set<String> covered;
        try (Stream<Path> files = Files.list(casesDir())) {
            covered = files.flatMap(p -> {
                try {
                    return expectations(p).stream();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(e -> e.split(" ")[0]).collect(Collectors.toSet());
        }
        List<String> missing = Arrays.stream(Rule.values()).filter(r -> !r.admissionOnly()).map(Rule::id).filter(id -> !covered.contains(id)).toList();
        assertEquals(List.of(), missing, "rules without a failing fixture");
        assertTrue(cases().filter(n -> n.contains("pass")).count() >= 7);
    }
}
