package io.gatewarden.local.ops;

import io.gatewarden.applier.ops.PoolReport;
import io.gatewarden.applier.ops.TableItems;
import io.gatewarden.local.stack.StackEndpoints;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.webhook.cli.Version;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code gatewarden pools}: VIP pool usage and Ingresses per shard virtual service, from the allocation table. */
@Command(name = "pools", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show how full each VIP pool is (marked at 80 %) and the Ingresses per shard virtual service. "
                + "Reads the local stack's table, or --table in AWS (default credential chain). Exit 2: no table.")
public class PoolsCommand implements Callable<Integer> {

    enum Output { text, json }

    @Option(names = "--data", paramLabel = "DIR", defaultValue = ".gatewarden/stack",
            description = "The local stack's data folder (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--table", paramLabel = "NAME", description = "The allocation table in AWS instead of the local stack.")
    String table;

    @Option(names = {"-o", "--output"}, defaultValue = "text", description = "text or json (default ${DEFAULT-VALUE}).")
    Output output;

    @Override
    public Integer call() throws Exception {
        PoolReport report;
        try {
            report = read();
        } catch (OpsTarget.NoTargetException | SdkException e) {
            System.err.println("gatewarden pools: " + e.getMessage());
            return 2;
        }
        System.out.print(output == Output.json
                ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report.json()) + "\n" : report.text());
        return 0;
    }

    private PoolReport read() {
        if (table != null) {
            try (DynamoDbClient ddb = DynamoDbClient.create()) {
                return PoolReport.of(TableItems.withPrefixes(ddb, table, PoolReport.PREFIXES));
            }
        }
        StackEndpoints stack = OpsTarget.localStack(data);
        try (DynamoDbClient ddb = OpsTarget.localDynamoDb(stack)) {
            return PoolReport.of(TableItems.withPrefixes(ddb, stack.table(), PoolReport.PREFIXES));
        }
    }
}
