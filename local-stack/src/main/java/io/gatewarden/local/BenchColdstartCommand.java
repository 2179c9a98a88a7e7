package io.gatewarden.local;

import io.gatewarden.local.stack.LocalStack;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.webhook.cli.Version;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cold start of the applier as Lambda runs it: a fresh JVM per run from the Lambda package's class path, the
 * handler constructed (init) and one SQS batch handled against this machine's DynamoDB Local and Avi emulator (a
 * local stack). Beside it, the floor: a fresh JVM that loads the Lambda core interfaces and returns.
 */
@Command(name = "bench-coldstart", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Time from JVM start to the applier's first SQS batch applied, from its Lambda zip, "
                + "against a local stack; beside a Java function's floor.")
public class BenchColdstartCommand implements Callable<Integer> {

    static final String HANDLER = "io.gatewarden.applier.handler.ApplierHandler";
    static final Pattern HANDLER_LINE = Pattern.compile("init_ms=(\\d+) first_batch_ms=(\\d+) response=(.*)");
    static final Pattern FLOOR_LINE = Pattern.compile("floor ready_ms=(\\d+)");

    @Option(names = "--package", paramLabel = "ZIP", description = "The applier's Lambda package (default "
            + "applier-function/target/gatewarden-applier-lambda.zip under the project).")
    Path zip;

    @Option(names = "--runs", defaultValue = "5", description = "Fresh JVMs of each kind (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--jvm-options", defaultValue = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
            description = "Options of every fresh JVM, as the Terraform module sets JAVA_TOOL_OPTIONS "
                    + "(default ${DEFAULT-VALUE}).")
    String jvmOptions;

    @Override
    public Integer call() throws Exception {
        Path pkg = zip != null ? zip : Path.of(System.getProperty("gatewarden.home", "."))
                .resolve("applier-function/target/gatewarden-applier-lambda.zip");
        if (!Files.isRegularFile(pkg)) {
            System.err.println("gatewarden bench-coldstart: no package at " + pkg + "; build it with ./mvnw package");
            return 2;
        }
        Path dir = Files.createTempDirectory("gatewarden-coldstart");
        unzip(pkg, dir.resolve("task"));
        String classPath = dir.resolve("task") + java.io.File.pathSeparator + dir.resolve("task/lib") + "/*";
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults(null, 0))) {
            List<String> properties = new ArrayList<>();
            stack.applierSettings().forEach((k, v) -> properties.add("-D" + k + "=" + flat(v)));
            properties.addAll(List.of("-Daws.region=eu-west-1", "-Daws.accessKeyId=local",
                    "-Daws.secretAccessKey=local"));
            List<Long> floors = new ArrayList<>();
            List<Long> inits = new ArrayList<>();
            List<Long> batches = new ArrayList<>();
            for (int i = 0; i < runs; i++) { // interleaved, so both kinds see the same machine
                Matcher f = FLOOR_LINE.matcher(run(classPath, List.of(), List.of("--floor")));
                floors.add(f.find() ? Long.parseLong(f.group(1)) : -1);
                Path event = dir.resolve("event-" + i + ".json");
                Files.writeString(event, sqsEvent(stack, i));
                String out = run(classPath, properties, List.of(HANDLER, event.toString()));
                Matcher h = HANDLER_LINE.matcher(out);
                if (!h.find() || !h.group(3).contains("batchItemFailures=[]")) {
                    System.err.println("gatewarden bench-coldstart: the handler did not apply the batch:\n" + out);
                    return 1;
                }
                inits.add(Long.parseLong(h.group(1)));
                batches.add(Long.parseLong(h.group(2)));
            }
            long floor = median(floors);
            long batch = median(batches);
            System.out.printf("package %s (%.1f MB); %d fresh JVMs of each kind; JVM options: %s%n",
                    pkg.getFileName(), Files.size(pkg) / 1e6, runs, jvmOptions);
            System.out.printf("floor (load the Lambda core interfaces): median %d ms (runs %s)%n", floor, floors);
            System.out.printf("applier: init (handler constructed) median %d ms (runs %s)%n", median(inits), inits);
            System.out.printf("applier: JVM start to first batch applied median %d ms (runs %s)%n", batch, batches);
            System.out.printf("ratio to the floor %.1fx; targets: <= 2000 ms and <= 4x the floor: %s%n",
                    (double) batch / floor, batch <= 2000 && batch <= 4 * floor ? "met" : "not met");
        }
        return 0;
    }

    private String run(String classPath, List<String> properties, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions.trim().split("\\s+")));
        cmd.addAll(properties);
        cmd.addAll(List.of("-cp", classPath, "io.gatewarden.applier.bench.LocalInvoke"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * One SQS FIFO message with the hint about a LoadBalancer Service's CREATE, as the webhook publishes it; the
     * Service itself is stored in the stack's Kubernetes API, where the handler reads it.
     */
    static String sqsEvent(LocalStack stack, int i) throws IOException {
        String name = "cold-" + i;
        ObjectNode svc = Json.mapper().createObjectNode().put("apiVersion", "v1").put("kind", "Service");
        svc.putObject("metadata").put("name", name).put("namespace", "bench");
        ObjectNode spec = svc.putObject("spec").put("type", "LoadBalancer");
        spec.putObject("selector").put("app", name);
        spec.putArray("ports").addObject().put("protocol", "TCP").put("port", 443).put("targetPort", 8443);
        ChangeEvent e = new ChangeEvent(ChangeEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), LocalStack.CLUSTER,
                ChangeEvent.Operation.CREATE, "", "v1", "Service", "bench", name, "", "", null,
                java.time.OffsetDateTime.now().toString());
        stack.kubernetes().store(svc);
        ObjectNode event = Json.mapper().createObjectNode();
        ArrayNode records = event.putArray("Records");
        ObjectNode m = records.addObject().put("messageId", UUID.randomUUID().toString())
                .put("body", Json.mapper().writeValueAsString(e)).put("eventSource", "aws:sqs");
        m.putObject("attributes").put("MessageGroupId", e.messageGroupId())
                .put("ApproximateReceiveCount", "1");
        return Json.mapper().writeValueAsString(event);
    }

    private static String flat(Object v) {
        return v instanceof Collection<?> c ? String.join(",", c.stream().map(String::valueOf).toList())
                : String.valueOf(v);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void unzip(Path zip, Path to) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path target = to.resolve(e.getName()).normalize();
                if (!target.startsWith(to)) {
                    throw new IOException("zip entry outside the target folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(z, target);
                }
            }
        }
    }
}
