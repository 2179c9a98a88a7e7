package io.gatewarden.local;

import io.gatewarden.local.stack.StackEndpoints;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.local.demo.AdmissionClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatewarden up} as a user runs it: the packaged jar in its own process, then stopped by a signal. */
class UpCommandIT {

    @TempDir
    Path data;

    @Test
    void up_printsItsEndpoints_servesTheWebhook_andStopsCleanlyOnASignal() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", "target/gatewarden.jar", "up", "--ephemeral",
                "--port", "0", "--data", data.toString()).redirectErrorStream(true);
        pb.environment().put("DDB_LOCAL_TELEMETRY", "0");
        Process up = pb.start();
        StringBuffer out = new StringBuffer();
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(up.getInputStream(),
                    StandardCharsets.UTF_8))) {
                r.lines().forEach(l -> out.append(l).append('\n'));
            } catch (Exception closed) {
                // the process is gone
            }
        });
        drain.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && !out.toString().contains("next: ./gatewarden demo")) {
                Thread.sleep(100);
            }
            assertTrue(out.toString().contains("CA certificate "), out.toString());
            StackEndpoints stack = StackEndpoints.read(data).orElseThrow(() -> new AssertionError("no stack.json: " + out));
            assertTrue(out.toString().contains(stack.webhook().toString()), out.toString());
            assertTrue(new AdmissionClient(stack.webhook(), stack.caCertificate()).ready(stack.management()), "webhook ready over HTTPS");

            up.toHandle().destroy(); // SIGTERM, the shutdown path of Ctrl-C (the Process keeps its streams open)
            assertTrue(up.waitFor(30, TimeUnit.SECONDS), "up stops");
            drain.join(5000);
        } finally {
            up.destroyForcibly();
        }
        assertTrue(out.toString().contains("stopping…"), out.toString());
        assertFalse(Files.exists(data.resolve(StackEndpoints.FILE)), "stack.json is removed on stop");
    }
}
