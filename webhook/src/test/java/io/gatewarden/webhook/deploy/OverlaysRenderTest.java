package io.gatewarden.webhook.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatewarden.webhook.check.CheckReport;
import io.gatewarden.webhook.check.CheckResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every kustomize overlay under infra/deploy renders with {@code kubectl kustomize} (kustomize refuses files
 * outside an overlay's folder, which a plain YAML check never notices) and what it renders passes the rules as a
 * complete set. Needs kubectl on the PATH, as {@code check} does for a kustomization folder.
 */
class OverlaysRenderTest {

    private static boolean kubectl() {
        try {
            return new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void everyOverlay_renders_andPassesTheRules() throws IOException {
        assumeTrue(kubectl(), "kubectl is not on the PATH");
        List<Path> overlays;
        try (Stream<Path> dirs = Files.list(InfraCheckTest.INFRA.resolve("deploy"))) {
            overlays = dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
        }
        assertEquals(List.of("base", "cert-manager", "common", "crds", "monitoring", "serverless", "strict"),
                overlays.stream().map(p -> p.getFileName().toString()).toList());
        for (Path overlay : overlays) {
            if (Files.readString(overlay.resolve("kustomization.yaml")).contains("kind: Component")) {
                continue; // a component renders only inside an overlay (strict uses monitoring)
            }
            CheckResult r = InfraCheckTest.check(List.of(overlay.toString()));
            assertTrue(r.objects() > 0, overlay + " renders no object: " + CheckReport.text(r));
            assertEquals(0, r.findings().size(), () -> overlay + "\n" + CheckReport.text(r));
        }
    }
}
