package io.gatewarden.local;

import io.gatewarden.local.stack.LocalStack;
import io.gatewarden.local.stack.StackEndpoints;
import io.gatewarden.local.demo.AdmissionClient;
import io.gatewarden.local.demo.Demo;
import io.gatewarden.local.demo.DemoResult;
import io.gatewarden.local.demo.DemoTable;
import io.gatewarden.webhook.cli.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatewarden demo}: the example manifests through a running stack (or one started for the demo). */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Send the demo manifests through the webhook of a running local stack (one is "
        + "started for the demo when none runs), wait for the applier and show what each object got.")
public class DemoCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "Manifests to send, files or folders "
            + "(default infra/examples/demo and its rejected/ folder). Repeatable.")
    List<String> files = new ArrayList<>();

    static final String DEFAULT_DATA = ".gatewarden/stack";

    @Option(names = "--data", paramLabel = "DIR", defaultValue = DEFAULT_DATA,
            description = "Where a running stack's stack.json is (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--stats", description = "Also print admission-to-VIP latency p50/p99.")
    boolean stats;

    @Option(names = "--timeout", defaultValue = "PT60S", description = "How long to wait for the applier "
            + "(ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        List<String> manifests = files.isEmpty() ? List.of("infra/examples/demo") : files;
        Optional<StackEndpoints> running = StackEndpoints.read(data).filter(DemoCommand::answers);
        LocalStack own = null;
        StackEndpoints stack;
        if (running.isPresent()) {
            stack = running.get();
            System.err.println("using the stack at " + stack.webhook());
        } else {
            System.err.println("no stack running: starting one for this demo (run `./gatewarden up` to keep one)");
            own = LocalStack.start(LocalStack.Options.defaults(null, 0));
            stack = own.endpoints();
        }
        try {
            DemoResult result = new Demo(stack, System.err).run(manifests, timeout);
            DemoTable.print(result, stats, System.out);
            System.out.println(own == null
                    ? "pool usage: ./gatewarden pools" + (data.equals(Path.of(DEFAULT_DATA)) ? "" : " --data " + data)
                            + "   (dead letters: ./gatewarden dlq list)"
                    : "pool usage: keep a stack with ./gatewarden up, run the demo against it, then ./gatewarden pools");
            return result.complete() ? 0 : 1;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private static boolean answers(StackEndpoints e) {
        try {
            return new AdmissionClient(e.webhook(), e.caCertificate()).ready(e.management());
        } catch (Exception unreachable) {
            return false;
        }
    }
}
