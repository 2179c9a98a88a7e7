package io.gatewarden.local.ops;

import io.gatewarden.local.stack.StackEndpoints;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where the operator commands read: the local stack (its {@code stack.json}, loopback endpoints, fixed
 * credentials) or AWS (table or queue named on the command line, region and credentials from the default chain).
 */
public final class OpsTarget {

    /** Neither a running local stack nor an AWS resource was named: a usage error (exit 2). */
    public static final class NoTargetException extends RuntimeException {
        public NoTargetException(String message) {
            super(message);
        }
    }

    private OpsTarget() {
    }

    public static StackEndpoints localStack(Path data) {
        Optional<StackEndpoints> stack = StackEndpoints.read(data);
        return stack.orElseThrow(() -> new NoTargetException("no local stack in " + data + " (start one with "
                + "`./gatewarden up`), or name the AWS resource (--table / --queue-url)"));
    }

    public static DynamoDbClient localDynamoDb(StackEndpoints stack) {
        return DynamoDbClient.builder().endpointOverride(stack.dynamodb()).region(Region.EU_WEST_1)
                .credentialsProvider(local()).build();
    }

    public static SqsClient localSqs(StackEndpoints stack) {
        return SqsClient.builder().endpointOverride(stack.sqs()).region(Region.EU_WEST_1)
                .credentialsProvider(local()).build();
    }

    private static StaticCredentialsProvider local() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }
}
