package io.gatewarden.localaws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local as an HTTP server on 127.0.0.1; the SDK talks to it over HTTP as it would to AWS. Telemetry
 * is disabled (it would otherwise try to leave the machine). In memory, or in a folder ({@code -dbPath}).
 */
public final class DynamoDbLocal implements AutoCloseable {

    /** System property naming the folder with sqlite4java's native library. */
    public static final String NATIVE_LIBS = "gatewarden.native-libs";

    private final DynamoDBProxyServer server;
    private final int port;

    /** In memory, on a free port. */
    public DynamoDbLocal() throws Exception {
        this(null, 0);
    }

    /**
     * @param dataDir where the tables are kept, or null for memory only
     * @param port    the port, 0 for any free one
     */
    public DynamoDbLocal(Path dataDir, int port) throws Exception {
        com.almworks.sqlite4java.SQLite.setLibraryPath(nativeLibs());
        this.port = port != 0 ? port : freePort();
        String[] storage = dataDir == null ? new String[] {"-inMemory"}
                : new String[] {"-dbPath", Files.createDirectories(dataDir).toString(), "-sharedDb"};
        String[] common = {"-port", String.valueOf(this.port), "-disableTelemetry"};
        String[] args = new String[storage.length + common.length];
        System.arraycopy(storage, 0, args, 0, storage.length);
        System.arraycopy(common, 0, args, storage.length, common.length);
        server = quietly(() -> {
            DynamoDBProxyServer s = ServerRunner.createServerFromCommandLineArgs(args);
            s.start();
            return s;
        });
    }

    private interface Start {
        DynamoDBProxyServer run() throws Exception;
    }

    /** DynamoDB Local prints its configuration on stdout, which is the local stack's and the demo's output. */
    private static synchronized DynamoDBProxyServer quietly(Start start) throws Exception {
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return start.run();
        } finally {
            System.setOut(out);
        }
    }

    /**
     * The property when set (the build copies the library there for tests), else the folder of the sqlite4java
     * jar, where the packaged application keeps its libraries and the native one beside them.
     */
    static String nativeLibs() {
        String configured = System.getProperty(NATIVE_LIBS);
        if (configured != null) {
            return configured;
        }
        try {
            Path jar = Path.of(com.almworks.sqlite4java.SQLite.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            return jar.getParent().toString();
        } catch (Exception e) {
            return "target/native-libs";
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
