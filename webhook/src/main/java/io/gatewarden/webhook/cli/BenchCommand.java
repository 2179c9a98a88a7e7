package io.gatewarden.webhook.cli;

import io.gatewarden.model.manifest.ManifestParser;
import io.gatewarden.model.manifest.ParseResult;
import io.gatewarden.webhook.bench.SyntheticManifests;
import io.gatewarden.webhook.check.CheckResult;
import io.gatewarden.webhook.check.ManifestCheck;
import jakarta.inject.Inject;
import io.gatewarden.webhook.bench.FreshProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gatewarden bench-check}: parse + check of generated sets of 1,000 and 10,000 objects in one process,
 * printing objects/second and the time ratio (linear growth means ≈ 10×); then one small file checked by a fresh
 * process through the launcher, beside {@code java -version} started the same way.
 */
@Command(name = "bench-check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Benchmark check over generated manifest sets (1k and 10k objects).")
public class BenchCommand implements Callable<Integer> {

    @Option(names = "--small", defaultValue = "1000", description = "Small set size (default ${DEFAULT-VALUE}).")
    int small;

    @Option(names = "--large", defaultValue = "10000", description = "Large set size (default ${DEFAULT-VALUE}).")
    int large;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs per size; the median is shown.")
    int runs;

    @Option(names = "--fresh-runs", defaultValue = "11",
            description = "Fresh-process starts per figure; the median is shown (default ${DEFAULT-VALUE}, 0 skips them).")
    int freshRuns;

    @Inject
    ManifestCheck check;

    @Override
    public Integer call() throws Exception {
        String smallSet = SyntheticManifests.generate(small);
        String largeSet = SyntheticManifests.generate(large);
        for (int i = 0; i < 3; i++) {
            time(largeSet); // warm up the JIT on the bigger input
        }
        double smallSeconds = median(smallSet);
        double largeSeconds = median(largeSet);
        System.out.printf("%-8s %10s %12s%n", "objects", "seconds", "objects/s");
        System.out.printf("%-8d %10.4f %12.0f%n", small, smallSeconds, small / smallSeconds);
        System.out.printf("%-8d %10.4f %12.0f%n", large, largeSeconds, large / largeSeconds);
        double ratio = largeSeconds / smallSeconds;
        System.out.printf("time ratio %d/%d: %.1fx for %.0fx the objects (linear ≈ %.0fx, quadratic ≈ %.0fx)%n",
                large, small, ratio, (double) large / small, (double) large / small,
                Math.pow((double) large / small, 2));
        freshProcessFigures();
        return 0;
    }

    /** One small file checked by a new process as a CI job runs it, beside {@code java -version}. */
    private void freshProcessFigures() throws Exception {
        if (freshRuns <= 0) {
            return;
        }
        String home = System.getProperty("gatewarden.home");
        if (home == null || !Files.isExecutable(Path.of(home, "gatewarden"))) {
            System.out.println("fresh process: skipped (run through the ./gatewarden launcher to measure it)");
            return;
        }
        String file = FreshProcess.smallFile().toString();
        double jvm = FreshProcess.medianSeconds(List.of(FreshProcess.java(), "-version"), freshRuns);
        double one = FreshProcess.medianSeconds(List.of(Path.of(home, "gatewarden").toString(), "check", "-f", file),
                freshRuns);
        System.out.printf("fresh process, median of %d: ./gatewarden check -f <one small file> %.3f s; "
                + "java -version %.3f s; ratio %.1fx%n", freshRuns, one, jvm, one / jvm);
    }

    private double median(String set) {
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            t[i] = time(set);
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    private double time(String set) {
        long start = System.nanoTime();
        ParseResult parsed = new ManifestParser().parse("bench.yaml", set);
        CheckResult result = check.check(parsed);
        long end = System.nanoTime();
        if (result.errors() > 0) {
            throw new IllegalStateException("generated set should be clean: " + result.findings().get(0));
        }
        return (end - start) / 1e9;
    }
}
