package io.gatewarden.webhook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.manifest.Json;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a user runs it: exit codes, text and JSON output, usage errors. */
class CheckCommandTest {

    private static ApplicationContext ctx;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() {
        ctx = ApplicationContext.run();
    }

    @AfterAll
    static void stop() {
        ctx.close();
    }

    /** Runs the CLI in a fresh context (for tests in other classes). */
    static Run runCli(String... args) {
        start();
        try {
            return run(args);
        } finally {
            stop();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = new CommandLine(Gatewarden.class, new MicronautFactory(ctx));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static String fixture(String relative) throws Exception {
        return Path.of(CheckCommandTest.class.getResource("/io/gatewarden/webhook/check/" + relative).toURI()).toString();
    }

    @Test
    void cleanDirectory_exitsZero_withSummary() throws Exception {
        Run r = run("check", "-f", fixture("clean"));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().endsWith("objects checked: 0 errors, 0 warnings\n"), r.out());
    }

    @Test
    void errors_exitOne_withOneLinePerFinding() throws Exception {
        String file = fixture("cases/AVI-SVC-003-fail.yaml");
        Run r = run("check", "-f", file);
        assertEquals(1, r.code());
        String first = r.out().lines().findFirst().orElseThrow();
        assertEquals("ERROR " + file + ":55 Service oam/web spec.ports[0]: Not found: \"TCP/8443\": Gateway oam/gw "
                + "has no listener TCP/8443; its listeners are [UDP/161, TCP/80] — AKO never serves this port "
                + "[AVI-SVC-003]", first);
    }

    @Test
    void warningsOnly_exitZero() throws Exception {
        Run r = run("check", "-f", fixture("cases/AVI-SVC-005-fail.yaml"));
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("WARNING "), r.out());
    }

    @Test
    void jsonOutput_hasTheDocumentedShape() throws Exception {
        Run r = run("check", "--output", "json", "-f", fixture("cases/AVI-GW-001-fail.yaml"));
        assertEquals(1, r.code());
        JsonNode json = Json.mapper().readTree(r.out());
        JsonNode f = json.path("findings").get(0);
        assertEquals("AVI-GW-001", f.path("rule").asText());
        assertEquals("error", f.path("severity").asText());
        assertEquals("Gateway", f.path("kind").asText());
        assertEquals("networking.x-k8s.io/v1alpha1", f.path("apiVersion").asText());
        assertEquals("oam", f.path("namespace").asText());
        assertEquals("gw", f.path("name").asText());
        assertTrue(f.path("line").asInt() > 0);
        assertEquals("spec.listeners[0].routes.selector.matchLabels[ako.vmware.com/gateway-name]",
                f.path("field").asText());
        assertEquals(2, json.path("summary").path("errors").asInt());
        assertEquals(0, json.path("summary").path("warnings").asInt());
    }

    @Test
    void unreadablePath_exitsTwo_withOneLineReason() {
        Run r = run("check", "-f", "/does/not/exist.yaml");
        assertEquals(2, r.code());
        assertEquals("gatewarden check: cannot read /does/not/exist.yaml: no such file or directory\n", r.err());
    }

    @Test
    void unknownCommandOrOption_isAUsageError() {
        assertEquals(2, run("frobnicate").code());
        assertEquals(2, run("check").code());
        assertEquals(2, run("check", "-f", "x", "--output", "xml").code());
    }

    @Test
    void help_worksOnEveryCommand_andTheTopLevel() {
        for (String cmd : java.util.List.of("check", "webhook", "bench-check", "bench-webhook", "version", "rules", "explain")) {
            for (String flag : java.util.List.of("--help", "-h")) {
                Run r = run(cmd, flag);
                assertEquals(0, r.code(), cmd + " " + flag + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: gatewarden " + cmd), r.out());
            }
        }
        Run top = run("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().contains("rules") && top.out().contains("explain"), top.out());
    }

    @Test
    void version_printsTheBuildVersion() {
        Run r = run("version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("gatewarden \\d+\\.\\d+\\.\\d+.*\\n"), r.out());
    }
}
