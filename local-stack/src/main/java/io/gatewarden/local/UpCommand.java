package io.gatewarden.local;

import io.gatewarden.local.stack.LocalStack;
import io.gatewarden.local.stack.StackEndpoints;
import io.gatewarden.webhook.cli.Version;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatewarden up}: the whole pipeline on loopback until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run the whole pipeline locally on 127.0.0.1: webhook (HTTPS), SQS FIFO queue "
        + "and dead-letter queue (ElasticMQ), DynamoDB Local, the applier, the Avi and loxilb emulators.")
public class UpCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = ".gatewarden/stack",
            description = "Folder for the CA, the tables and stack.json (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--ephemeral", description = "Keep nothing: tables in memory, TLS files in a temporary folder "
            + "(stack.json is still written to --data so that `demo` finds the stack).")
    boolean ephemeral;

    @Option(names = "--port", defaultValue = "8443", description = "Webhook HTTPS port, 0 for any (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        LocalStack stack = LocalStack.start(LocalStack.Options.defaults(ephemeral ? null : data, port));
        StackEndpoints e = stack.endpoints();
        e.write(data);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping…");
            stack.close();
            data.resolve(StackEndpoints.FILE).toFile().delete();
            stopped.countDown();
        }));
        System.out.println("gatewarden local stack is up (cluster \"" + e.cluster() + "\"); Ctrl-C stops it");
        System.out.println("  webhook        " + e.webhook() + "  (POST /mutate, /validate)");
        System.out.println("  CA certificate " + e.caCertificate().toAbsolutePath());
        System.out.println("  SQS (ElasticMQ)" + " " + e.sqs() + "  queue " + LocalStack.QUEUE + ", dead letters "
                + LocalStack.DEAD_LETTERS);
        System.out.println("  DynamoDB Local " + e.dynamodb() + "  table " + e.table()
                + (ephemeral ? "  (in memory)" : "  (data in " + data.toAbsolutePath() + ")"));
        System.out.println("  Avi emulator   " + e.avi() + "  (" + LocalStack.USER + "/" + LocalStack.PASSWORD + ")");
        System.out.println("  loxilb emulator " + e.loxilb());
        System.out.println("  Kubernetes API " + e.kubernetes() + "  (what the demo stored; the applier writes the VIPs)");
        System.out.println("                 kubectl --kubeconfig " + e.kubeconfig().toAbsolutePath()
                + " get svc,gateways,ingresses -A");
        System.out.println("  metrics        " + e.management().resolve("/prometheus") + "  (the webhook's, Prometheus text);"
                + " the applier's are the EMF lines (\"_aws\") printed below as it works");
        System.out.println("next: ./gatewarden demo, then ./gatewarden pools and ./gatewarden dlq list");
        stopped.await();
        return 0;
    }
}
