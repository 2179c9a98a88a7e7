package io.gatewarden.webhook.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewarden.model.manifest.ParseResult;
import io.gatewarden.webhook.check.CheckReport;
import io.gatewarden.webhook.check.CheckResult;
import io.gatewarden.webhook.check.LocatedFinding;
import io.gatewarden.webhook.check.ManifestCheck;
import io.gatewarden.webhook.cluster.ManifestSources;
import io.gatewarden.webhook.policy.PolicyEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Gatewarden's own manifests pass Gatewarden's rules — all but the demo's deliberately broken objects
 * ({@code infra/examples/demo/rejected}), which must each be refused for the reason their comment gives.
 */
class InfraCheckTest {

    static final Path INFRA = Path.of("..", "infra");
    static final Path REJECTED = INFRA.resolve("examples/demo/rejected");

    static CheckResult check(List<String> paths) {
        ParseResult parsed = new ManifestSources().read(paths, InputStream.nullInputStream());
        // infra/ is a complete set: a missing reference is an error, as at admission (check --strict-refs)
        return new ManifestCheck(new PolicyEngine()).check(parsed, List.of(), true);
    }

    /** Every top-level file and folder of infra/ and of the demo, except the rejected folder. */
    static List<String> cleanPaths() throws IOException {
        try (Stream<Path> top = Files.list(INFRA); Stream<Path> examples = Files.list(INFRA.resolve("examples"));
                Stream<Path> demo = Files.list(INFRA.resolve("examples/demo"))) {
            return Stream.concat(Stream.concat(top.filter(p -> Files.isDirectory(p) && !p.endsWith("examples")
                    && !p.endsWith("helm")), // Go templates: HelmChartTest checks what they render
                    examples.filter(p -> !p.endsWith("demo"))), demo.filter(p -> !p.equals(REJECTED)))
                    .map(Path::toString).sorted().toList();
        }
    }

    @Test
    void infra_isClean() throws IOException {
        CheckResult r = check(cleanPaths());
        assertEquals(0, r.findings().size(), () -> CheckReport.text(r));
    }

    @Test
    void theDemosBrokenObjects_areEachRefused() throws IOException {
        List<String> paths = new java.util.ArrayList<>(cleanPaths());
        paths.add(REJECTED.toString());
        CheckResult r = check(paths);
        assertEquals(List.of("AVI-GW-001 Gateway demo-oam/metrics", "AVI-SVC-004 Service demo-signaling/dns-backup",
                "RT-004 TCPRoute demo-edge/edge-unnamed", "ING-001 Ingress demo-web/legacy"),
                r.findings().stream().map(LocatedFinding::finding).map(f -> f.rule() + " " + f.object().kind() + " "
                        + f.object().namespace() + "/" + f.object().name())
                        .toList(), () -> CheckReport.text(r));
        assertEquals(4, r.errors(), () -> CheckReport.text(r));
    }
}
