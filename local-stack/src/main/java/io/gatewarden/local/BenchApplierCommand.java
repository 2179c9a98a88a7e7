package io.gatewarden.local;

import io.gatewarden.local.stack.LocalStack;
import io.gatewarden.local.stack.StackEndpoints;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gatewarden.applier.metrics.AwsRequestCounter;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.kubeapi.KubernetesApiServer;
import io.gatewarden.local.bench.IngressBurst;
import io.gatewarden.local.demo.AdmissionClient;
import io.gatewarden.local.ops.OpsTarget;
import io.gatewarden.webhook.cli.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The applier at scale, through the local stack's whole pipeline: N Ingresses on one SMALL shard, and N spread
 * over a LARGE setting's eight shards, each sent through the webhook and stored in the stack's Kubernetes API as
 * the API server would, then timed until the table shows every one Applied. Each scenario runs on a fresh stack.
 */
@Command(name = "bench-applier", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Admission-to-VIP latency, wall time and cost per change of the applier, for N Ingresses on "
                + "one SMALL shard and spread over a LARGE setting, through the local stack.")
public class BenchApplierCommand implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "100,1000",
            description = "Numbers of Ingresses, comma-separated (default ${DEFAULT-VALUE}); the first is the baseline.")
    List<Integer> sizes;

    @Option(names = "--shard-sizes", split = ",", defaultValue = "SMALL,LARGE",
            description = "AviInfraSetting shard sizes to run (default ${DEFAULT-VALUE}).")
    List<String> shardSizes;

    @Option(names = "--concurrency", defaultValue = "4", description = "Applier invocations at once (default "
            + "${DEFAULT-VALUE}, the local stack's; on 2 cores 10 is slower: the stack's servers share them).")
    int concurrency;

    @Option(names = "--warmup", defaultValue = "50", description = "Ingresses of an unreported first run that warms "
            + "the JVM up, so the first reported line is not the coldest (default ${DEFAULT-VALUE}; 0: none).")
    int warmup;

    @Option(names = "--timeout", defaultValue = "PT20M", description = "Give up on a scenario after this (default ${DEFAULT-VALUE}).")
    Duration timeout;

    /** What one scenario measured. */
    record Result(String shardSize, int n, long wallMs, long p50Ms, long p99Ms, int applied, double dynamoPerChange,
            double writesPerChange, long deadLetters) {
    }

    @Override
    public Integer call() throws Exception {
        List<Result> results = new ArrayList<>();
        if (warmup > 0) {
            Result w = run(new IngressBurst("SMALL", warmup));
            System.out.printf(Locale.ROOT, "warm-up: %d Ingresses in %.1f s (not counted)%n", w.n(), w.wallMs() / 1000.0);
        }
        for (String size : shardSizes) {
            for (int n : sizes) {
                Result r = run(new IngressBurst(size.toUpperCase(Locale.ROOT), n));
                results.add(r);
                System.out.printf(Locale.ROOT, "%-5s n=%-5d wall %7.1f s  admission->VIP p50 %6d ms  p99 %6d ms  "
                        + "applied %d/%d  DynamoDB requests/change %.1f  controller writes/change %.2f  DLQ %d%n",
                        r.shardSize(), r.n(), r.wallMs() / 1000.0, r.p50Ms(), r.p99Ms(), r.applied(), r.n(),
                        r.dynamoPerChange(), r.writesPerChange(), r.deadLetters());
            }
        }
        boolean ok = true;
        for (String size : shardSizes) {
            List<Result> of = results.stream().filter(r -> r.shardSize().equalsIgnoreCase(size)).toList();
            Result base = of.get(0);
            for (Result r : of.subList(1, of.size())) {
                double ratio = (double) r.wallMs() / Math.max(1, base.wallMs());
                System.out.printf(Locale.ROOT, "%-5s t(%d)/t(%d) = %.1f (linear: %d)%n", size, r.n(), base.n(), ratio,
                        r.n() / base.n());
            }
            for (Result r : of) {
                ok &= r.applied() == r.n() && r.deadLetters() == 0;
            }
        }
        System.out.println(ok ? "every Ingress applied, no dead letters" : "NOT every Ingress applied, or dead letters");
        return ok ? 0 : 1;
    }

    private Result run(IngressBurst burst) throws Exception {
        LocalStack.Options defaults = LocalStack.Options.defaults(null, 0);
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(null, 0, defaults.maxReceives(),
                defaults.visibility(), concurrency, java.util.Map.of()));
                KubernetesClient kube = KubernetesApiServer.clientFor(stack.endpoints().kubernetes());
                DynamoDbClient ddb = OpsTarget.localDynamoDb(stack.endpoints())) {
            StackEndpoints e = stack.endpoints();
            AdmissionClient webhook = new AdmissionClient(e.webhook(), e.caCertificate());
            for (JsonNode o : burst.setting()) {
                admit(webhook, kube, o);
            }
            Thread.sleep(1000); // the setting and class are recorded before the burst
            long dynamo0 = AwsRequestCounter.dynamoDbRequests();
            long writes0 = stack.avi().writes();
            Map<String, Long> admitted = new HashMap<>();
            long start = System.nanoTime();
            for (JsonNode o : burst.ingresses()) {
                admit(webhook, kube, o);
                admitted.put(o.path("metadata").path("name").asText(), System.nanoTime());
            }
            DynamoStateStore states = new DynamoStateStore(ddb, e.table());
            Map<String, Long> done = new HashMap<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (done.size() < admitted.size() && System.nanoTime() < deadline) {
                for (ObjectState s : states.all(e.cluster())) {
                    String name = s.owner().name();
                    if ("Ingress.networking.k8s.io".equals(s.owner().kind()) && "Applied".equals(s.status())
                            && admitted.containsKey(name) && !done.containsKey(name)) {
                        done.put(name, System.nanoTime());
                    }
                }
                Thread.sleep(200);
            }
            long end = done.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
            List<Long> latencies = done.entrySet().stream()
                    .map(d -> (d.getValue() - admitted.get(d.getKey())) / 1_000_000).sorted().toList();
            Thread.sleep(1000); // late build jobs settle before the counters are read
            long dlq = Long.parseLong(stack.sqs().client.getQueueAttributes(b -> b.queueUrl(e.deadLetterQueueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            int n = burst.count();
            return new Result(burst.shardSize(), n, (end - start) / 1_000_000, percentile(latencies, 50),
                    percentile(latencies, 99), done.size(), (AwsRequestCounter.dynamoDbRequests() - dynamo0) / (double) n,
                    (stack.avi().writes() - writes0) / (double) n, dlq);
        }
    }

    private static void admit(AdmissionClient webhook, KubernetesClient kube, JsonNode o) throws Exception {
        AdmissionClient.Verdict v = webhook.create(o);
        if (!v.allowed()) {
            throw new IllegalStateException("the webhook refused a benchmark object: " + v.message());
        }
        KubernetesApiServer.store(kube, v.stored());
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
