package io.gatewarden.local.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The Lambda packages {@code ./mvnw package} builds (runs after the other modules are packaged): the Java
 * runtime's layout (classes at the root, jars in lib/), none of the test-only servers inside, and every handler
 * Terraform names present in the package its module deploys.
 */
class LambdaPackagesIT {

    static final Path ROOT = Path.of("..");
    static final Map<String, Path> PACKAGES = Map.of(
            "applier", ROOT.resolve("applier-function/target/gatewarden-applier-lambda.zip"),
            "webhook-function", ROOT.resolve("webhook/target/gatewarden-webhook-lambda.zip"));

    /** What must never ship: local AWS servers, load-balancer emulators, the Kubernetes test server, test libraries. */
    static final Pattern TEST_ONLY = Pattern.compile("(?i)(DynamoDBLocal|sqlite4java|elasticmq|localstack|"
            + "mockwebserver|kubernetes-server-mock|junit|opentest4j|hcl4j|testcontainers|local-servers|"
            + "local-stack|io/gatewarden/localaws/|io/gatewarden/emulator/|io/gatewarden/local/)");

    static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            z.stream().map(ZipEntry::getName).forEach(names::add);
        }
        return names;
    }

    @Test
    void packages_haveTheLambdaLayout_andNoTestOnlyServer() throws IOException {
        for (Map.Entry<String, Path> p : PACKAGES.entrySet()) {
            assertTrue(Files.isRegularFile(p.getValue()), "./mvnw package builds " + p.getValue());
            List<String> names = entries(p.getValue());
            long jars = names.stream().filter(n -> n.startsWith("lib/") && n.endsWith(".jar")).count();
            System.out.printf("%s: %s, %.1f MB, %d entries, %d jars in lib/%n", p.getKey(), p.getValue().getFileName(),
                    Files.size(p.getValue()) / 1e6, names.size(), jars);
            assertTrue(jars > 10, "dependencies in lib/");
            assertTrue(names.stream().noneMatch(n -> n.contains("/") && n.endsWith(".jar") && !n.startsWith("lib/")),
                    "jars only in lib/");
            List<String> forbidden = names.stream().filter(n -> TEST_ONLY.matcher(n).find())
                    .filter(n -> !n.endsWith("JunitReport.class")) // check's JUnit XML output, not JUnit
                    .toList();
            assertEquals(List.of(), forbidden, p.getKey() + " ships test-only code");
        }
    }

    @Test
    void everyHandlerTerraformNames_isInThePackageItDeploys() throws IOException {
        Pattern handler = Pattern.compile("handler\\s*=\\s*\"([A-Za-z0-9_.]+)(::[A-Za-z]+)?\"");
        int found = 0;
        for (Map.Entry<String, Path> p : PACKAGES.entrySet()) {
            String main = Files.readString(ROOT.resolve("terraform/modules/" + p.getKey() + "/main.tf"));
            List<String> names = entries(p.getValue());
            Matcher m = handler.matcher(main);
            while (m.find()) {
                String cls = m.group(1).replace('.', '/') + ".class";
                assertTrue(names.contains(cls), p.getKey() + " package lacks the handler " + m.group(1));
                found++;
            }
        }
        assertEquals(3, found, "ApplierHandler, ReconcileHandler and WebhookFunction");
    }

    @Test
    void theApplierPackage_coldStartsAndAppliesABatch_inAFreshJvm() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        int exit;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            exit = io.gatewarden.local.Main.run("bench-coldstart", "--runs", "1", "--package",
                    PACKAGES.get("applier").toString());
        } finally {
            System.setOut(stdout);
        }
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        stdout.print(text);
        assertEquals(0, exit, text);
        assertTrue(text.contains("applier: JVM start to first batch applied median "), text);
        assertTrue(text.contains("floor (load the Lambda core interfaces): median "), text);
    }
}
