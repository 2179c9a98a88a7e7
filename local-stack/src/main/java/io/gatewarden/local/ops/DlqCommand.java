package io.gatewarden.local.ops;

import io.gatewarden.applier.handler.DeadLetters;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.local.stack.StackEndpoints;
import io.gatewarden.webhook.cli.Version;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code gatewarden dlq list|redrive}: the applier's dead-letter queue, on the local stack or in AWS. */
@Command(name = "dlq", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The dead-letter queue: list what is stuck and why, move messages back to the change queue.",
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.RedriveCommand.class})
public class DlqCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list or redrive");
    }

    /** Where the queue and the table are. */
    static class Target {
        @Option(names = "--data", paramLabel = "DIR", defaultValue = ".gatewarden/stack",
                description = "The local stack's data folder (default ${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--queue-url", paramLabel = "URL",
                description = "The dead-letter queue in AWS (default credential chain) instead of the local stack.")
        String queueUrl;

        @Option(names = "--table", paramLabel = "NAME", description = "The allocation table in AWS (failure reasons).")
        String table;

        /** Runs {@code work} with clients for the chosen target; exit 2 when there is none. */
        int with(Work work) {
            try {
                if (queueUrl != null) {
                    try (SqsClient sqs = SqsClient.create(); DynamoDbClient ddb = DynamoDbClient.create()) {
                        String source = sqs.listDeadLetterSourceQueues(b -> b.queueUrl(queueUrl)).queueUrls().stream()
                                .findFirst().orElse(null);
                        return work.run(new DeadLetters(sqs, queueUrl, new DynamoStateStore(ddb,
                                table == null ? "gatewarden-allocations" : table)), source, true);
                    }
                }
                StackEndpoints stack = OpsTarget.localStack(data);
                try (SqsClient sqs = OpsTarget.localSqs(stack); DynamoDbClient ddb = OpsTarget.localDynamoDb(stack)) {
                    return work.run(new DeadLetters(sqs, stack.deadLetterQueueUrl(), new DynamoStateStore(ddb,
                            stack.table())), stack.queueUrl(), false);
                }
            } catch (OpsTarget.NoTargetException | SdkException e) {
                System.err.println("gatewarden dlq: " + e.getMessage());
                return 2;
            }
        }
    }

    interface Work {
        int run(DeadLetters dlq, String sourceQueueUrl, boolean aws);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Each message's object, receive count and the last failure the applier recorded.")
    static class ListCommand implements Callable<Integer> {
        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.with((dlq, source, aws) -> {
                List<DeadLetters.DeadLetter> letters = dlq.list();
                System.out.printf("%-56s %8s  %s%n", "OBJECT", "RECEIVES", "LAST FAILURE");
                for (DeadLetters.DeadLetter d : letters) {
                    System.out.printf("%-56s %8d  %s%n", d.key(), d.receiveCount(), d.lastFailure().orElse("-"));
                }
                System.out.println(letters.size() + " message(s) in the dead-letter queue");
                return 0;
            });
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Move messages back to the change queue: all of them, or those of the given objects "
                    + "(KEY as `dlq list` prints it, cluster/kind/namespace/name).")
    static class RedriveCommand implements Callable<Integer> {
        @Mixin
        Target target;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        static class Which {
            @Option(names = "--all", required = true, description = "Every message.")
            boolean all;

            @Parameters(paramLabel = "KEY", arity = "1..*", description = "Objects whose messages move back.")
            List<String> keys;
        }

        @Override
        public Integer call() {
            return target.with((dlq, source, aws) -> {
                if (source == null) {
                    System.err.println("gatewarden dlq: no queue names this one as its dead-letter queue");
                    return 2;
                }
                if (aws && which.all) {
                    System.out.println("message-move task started: " + dlq.moveAllBack());
                    return 0;
                }
                Set<String> keys = which.all ? Set.of() : Set.copyOf(which.keys);
                List<String> moved = dlq.redrive(source, d -> which.all || keys.contains(d.key()));
                moved.forEach(k -> System.out.println("moved back: " + k));
                System.out.println(moved.size() + " message(s) moved back to " + source);
                return 0;
            });
        }
    }
}
