package io.gatewarden.local.stack;

import io.gatewarden.applier.handler.ApplierHandler;
import io.gatewarden.applier.store.TableDefinition;
import io.gatewarden.emulator.AviControllerEmulator;
import io.gatewarden.emulator.LoxiLbEmulator;
import io.gatewarden.kubeapi.KubernetesApiServer;
import io.gatewarden.localaws.DynamoDbLocal;
import io.gatewarden.localaws.ElasticMq;
import io.gatewarden.webhook.cli.WebhookProperties;
import io.gatewarden.webhook.tls.SelfSignedCa;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole pipeline on 127.0.0.1, in one process: the admission webhook (HTTPS, its cluster view fed by what
 * it admits), ElasticMQ with the FIFO change queue and its FIFO dead-letter queue, DynamoDB Local with the
 * allocation table, the applier's {@link ApplierHandler} fed by an {@link SqsPoller} (Lambda's batch semantics),
 * a Kubernetes API ({@link KubernetesApiServer}: where the demo stores what the webhook admitted, as the API server
 * does, and what the applier reads and writes status to), and the Avi and loxilb API emulators the applier
 * configures. Nothing listens beyond loopback and nothing is sent anywhere else: pool members come from
 * EndpointSlices whose addresses are loopback placeholders, since no pods stand behind the stack.
 */
public final class LocalStack implements AutoCloseable {

    /** The cluster name the webhook stamps on events; load-balancer objects are named after it. */
    public static final String CLUSTER = "local";
    public static final String TABLE = "gatewarden-allocations";
    public static final String QUEUE = "gatewarden-changes.fifo";
    public static final String DEAD_LETTERS = "gatewarden-changes-dlq.fifo";
    /** Credentials both emulators accept. */
    public static final String USER = "admin";
    public static final String PASSWORD = "secret";

    /**
     * How to start it.
     *
     * @param dataDir     where TLS files and DynamoDB's tables are kept (null: memory and a temporary folder)
     * @param webhookPort HTTPS port of the webhook, 0 for any free one
     * @param maxReceives receives before a failing message moves to the dead-letter queue
     * @param visibility  how long a received message stays invisible (the Lambda timeout's role)
     * @param concurrency applier invocations at once (Lambda runs one per message group in flight)
     * @param applier     extra applier properties (tests)
     */
    public record Options(Path dataDir, int webhookPort, int maxReceives, Duration visibility, int concurrency,
            Map<String, Object> applier) {

        public static Options defaults(Path dataDir, int webhookPort) {
            return new Options(dataDir, webhookPort, 3, Duration.ofSeconds(30), 4, Map.of());
        }
    }

    private final List<AutoCloseable> started = new ArrayList<>();
    private StackEndpoints endpoints;
    private DynamoDbLocal dynamodb;
    private ElasticMq sqs;
    private AviControllerEmulator avi;
    private LoxiLbEmulator loxilb;
    private KubernetesApiServer kubernetes;
    private Path kubeconfig;
    private Map<String, Object> applierSettings;

    private LocalStack() {
    }

    private void boot(Options o, Path tmp) throws Exception {
        Path data = o.dataDir() != null ? o.dataDir() : tmp;
        awsDefaults();
        dynamodb = track(new DynamoDbLocal(o.dataDir() == null ? null : data.resolve("dynamodb"), 0));
        try (DynamoDbClient ddb = dynamodb.client(2)) {
            TableDefinition.createIfMissing(ddb, TABLE);
        }
        sqs = track(new ElasticMq());
        String queue = sqs.fifoQueueWithDeadLetters(QUEUE, DEAD_LETTERS, o.maxReceives(), o.visibility());
        String dlq = sqs.client.getQueueUrl(b -> b.queueName(DEAD_LETTERS)).queueUrl();
        avi = track(new AviControllerEmulator());
        List.of("se-oam", "se-signaling", "se-traffic").forEach(avi::addSeGroup);
        List.of("vip-oam", "vip-signaling", "vip-traffic", "vip-l7-large", "vip-l7-medium", "vip-l7-small",
                "vip-l7-dedicated").forEach(avi::addNetwork);
        loxilb = track(new LoxiLbEmulator(true));
        kubernetes = track(new KubernetesApiServer());
        kubeconfig = kubernetes.kubeconfig(data);

        applierSettings = applierProperties(o, queue);
        ApplicationContext applierContext = track(ApplicationContext.builder().properties(applierSettings).start());
        ApplierHandler handler = track(new ApplierHandler(applierContext));
        track(new SqsPoller(sqs.client, queue, handler::execute, 10, o.concurrency()).start());

        SelfSignedCa.GeneratedFiles tls = SelfSignedCa.write(data.resolve("tls"), List.of(), Duration.ofDays(365));
        Map<String, Object> web = new HashMap<>(WebhookProperties.https("127.0.0.1", o.webhookPort()));
        web.putAll(WebhookProperties.certificate(tls.certificate(), tls.privateKey()));
        int managementPort = WebhookProperties.freePort();
        web.putAll(WebhookProperties.management(managementPort));
        web.put("gatewarden.cluster.source", "ADMITTED");
        web.put("gatewarden.warmup.requests", 500); // a short JIT warm-up: the demo's first admissions are timed
        web.put("micronaut.server.netty.access-logger.enabled", false); // the demo's output is the table
        web.put("gatewarden.publish.enabled", true);
        web.put("gatewarden.publish.queue-url", queue);
        web.put("gatewarden.publish.sqs-endpoint", sqs.endpoint().toString());
        web.put("gatewarden.publish.cluster-name", CLUSTER);
        for (String segment : List.of("oam", "signaling", "traffic")) {
            web.put("gatewarden.mutation.segments." + segment + ".infra-setting", "seg-" + segment);
        }
        ApplicationContext webhookContext = track(ApplicationContext.builder().properties(web).start());
        EmbeddedServer server = webhookContext.getBean(EmbeddedServer.class).start();
        // ready before anyone is told it runs
        webhookContext.getBean(io.gatewarden.webhook.admission.Warmup.class).awaitDone(Duration.ofSeconds(60));
        endpoints = new StackEndpoints(URI.create("https://127.0.0.1:" + server.getPort()),
                URI.create("http://127.0.0.1:" + managementPort), tls.caCertificate(),
                sqs.endpoint(), queue, dlq, dynamodb.endpoint(), TABLE, avi.base(), loxilb.base(), CLUSTER,
                kubernetes.base(), kubeconfig);
    }

    public static LocalStack start(Options o) throws Exception {
        Path tmp = o.dataDir() == null ? java.nio.file.Files.createTempDirectory("gatewarden-stack") : null;
        LocalStack stack = new LocalStack();
        if (tmp != null) {
            stack.started.add(() -> deleteTree(tmp)); // closed last
        }
        try {
            stack.boot(o, tmp);
            return stack;
        } catch (Exception e) {
            stack.close(); // whatever had started stops again
            throw e;
        }
    }

    private Map<String, Object> applierProperties(Options o, String queue) {
        Map<String, Object> p = new HashMap<>();
        p.put("gatewarden.applier.build-queue-url", queue); // shard builds are jobs on the change queue
        p.put("gatewarden.aws.sqs-endpoint", sqs.endpoint().toString());
        p.put("gatewarden.applier.table", TABLE);
        p.put("gatewarden.applier.cluster", CLUSTER);
        p.put("gatewarden.aws.dynamodb-endpoint", dynamodb.endpoint().toString());
        p.put("gatewarden.applier.kubeconfig", kubeconfig.toAbsolutePath().toString());
        p.put("gatewarden.applier.members.mode", "CLUSTER_IP"); // from EndpointSlices, as in production
        p.put("gatewarden.applier.class-pools.demo-loxilb", List.of("192.168.80.0/29"));
        p.put("gatewarden.applier.default-pools", List.of("10.50.99.0/28"));
        p.put("gatewarden.applier.avi.url", avi.base().toString());
        p.put("gatewarden.avi.username", USER);
        p.put("gatewarden.avi.password", PASSWORD);
        p.put("gatewarden.applier.loxilb.url", loxilb.base().toString());
        p.put("gatewarden.loxilb.username", USER);
        p.put("gatewarden.loxilb.password", PASSWORD);
        for (String lb : List.of("avi", "loxilb")) {
            p.put("gatewarden.applier." + lb + ".attempts", 3);
            p.put("gatewarden.applier." + lb + ".backoff", "50ms");
            p.put("gatewarden.applier." + lb + ".max-backoff", "200ms");
        }
        p.putAll(o.applier());
        return p;
    }

    /** The SDK's default chains need a region and credentials; the local servers accept any. */
    private static void awsDefaults() {
        System.setProperty("aws.region", System.getProperty("aws.region", "eu-west-1"));
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "local"));
        System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "local"));
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    /** The properties the stack's applier runs with (endpoints of this stack's servers included). */
    public Map<String, Object> applierSettings() {
        return Map.copyOf(applierSettings);
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    public AviControllerEmulator avi() {
        return avi;
    }

    public KubernetesApiServer kubernetes() {
        return kubernetes;
    }

    public LoxiLbEmulator loxilb() {
        return loxilb;
    }

    public ElasticMq sqs() {
        return sqs;
    }

    public DynamoDbLocal dynamodb() {
        return dynamodb;
    }

    /** Stops everything, newest first. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        started.clear();
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }
}
