package io.gatewarden.webhook.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of a command started as a new process, the way a CI job starts {@code gatewarden check} once per push:
 * the median of several runs, output discarded.
 */
public final class FreshProcess {

    private static final long TIMEOUT_SECONDS = 60;

    private FreshProcess() {
    }

    /** Median wall seconds of {@code runs} starts of {@code command} (after one unmeasured start). */
    public static double medianSeconds(List<String> command, int runs) throws IOException, InterruptedException {
        once(command);
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            once(command);
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    private static void once(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
    }

    /** A one-object manifest to check, written to a temporary file that is deleted on exit. */
    public static Path smallFile() throws IOException {
        Path file = Files.createTempFile("gatewarden-bench", ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: web, namespace: shop}
                spec:
                  gatewayClassName: edge-lb
                  listeners: [{name: http, protocol: HTTP, port: 80}]
                """);
        return file;
    }

    /** The java executable of this process. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
