package io.gatewarden.applier.store;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local as a loopback HTTP server, started by the tests themselves; the SDK talks to it over HTTP as
 * it would to AWS. Telemetry is disabled (it would otherwise try to leave the machine).
 */
public final class DynamoDbLocal implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    public DynamoDbLocal() throws Exception {
        com.almworks.sqlite4java.SQLite.setLibraryPath(NativeLibs.dir());
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        server = ServerRunner.createServerFromCommandLineArgs(new String[] {
            "-inMemory", "-port", String.valueOf(port), "-disableTelemetry"});
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public DynamoDbClient client(int maxConnections) {
        return client(maxConnections, null);
    }

    /** A client whose requests also pass {@code interceptor} (null: none), e.g. to count them. */
    public DynamoDbClient client(int maxConnections, ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.EU_WEST_1)
                .overrideConfiguration(c -> {
                    if (interceptor != null) {
                        c.addExecutionInterceptor(interceptor);
                    }
                })
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(maxConnections))
                .build();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
