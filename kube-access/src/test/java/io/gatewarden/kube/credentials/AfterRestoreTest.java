package io.gatewarden.kube.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.credentials.RefreshAuthentication;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** After a restore the client reconnects and signs a new token instead of reusing the checkpoint's. */
class AfterRestoreTest {

    @Test
    void afterRestore_dropsPooledConnections_andTheCachedToken() throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", ex -> {
            try (ex) {
                byte[] body = "{\"kind\":\"NamespaceList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}"
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        api.start();
        try {
            AtomicInteger signed = new AtomicInteger();
            ApiClient client = new ClientBuilder().setBasePath("http://127.0.0.1:" + api.getAddress().getPort())
                    .setAuthentication(new RefreshAuthentication(() -> "token-" + signed.incrementAndGet(),
                            Duration.ofMinutes(10))).build();
            DynamicKubernetesApi namespaces = new DynamicKubernetesApi("", "v1", "namespaces", client);
            assertEquals(200, namespaces.list().getHttpStatusCode());
            int before = signed.get();
            assertEquals(200, namespaces.list().getHttpStatusCode());
            assertEquals(before, signed.get(), "the token is cached for its refresh period");
            assertEquals(1, client.getHttpClient().connectionPool().connectionCount());

            AfterRestore.refresh(client);
            assertEquals(0, client.getHttpClient().connectionPool().connectionCount());
            assertEquals(200, namespaces.list().getHttpStatusCode());
            assertEquals(before + 1, signed.get(), "a new token after the restore");
        } finally {
            api.stop(0);
        }
    }
}
