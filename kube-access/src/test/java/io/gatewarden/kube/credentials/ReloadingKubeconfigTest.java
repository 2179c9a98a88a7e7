package io.gatewarden.kube.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A kubeconfig from a secret: a rotated token is read again on the API server's 401, once per refused token. */
class ReloadingKubeconfigTest {

    HttpServer api;
    /** The one token the loopback API server accepts. */
    final AtomicReference<String> accepted = new AtomicReference<>("token-1");
    /** What the secret holds. */
    final AtomicReference<String> secretToken = new AtomicReference<>("token-1");
    final AtomicInteger secretReads = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", ex -> {
            try (ex) {
                boolean ok = ("Bearer " + accepted.get()).equals(ex.getRequestHeaders().getFirst("Authorization"));
                byte[] body = (ok ? "{\"kind\":\"NamespaceList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}"
                        : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":401}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(ok ? 200 : 401, body.length);
                ex.getResponseBody().write(body);
            }
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    String secret() {
        secretReads.incrementAndGet();
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "http://127.0.0.1:%d"}
                users:
                - name: u
                  user: {token: %s}
                contexts:
                - name: c
                  context: {cluster: c, user: u}
                current-context: c
                """.formatted(api.getAddress().getPort(), secretToken.get());
    }

    int list(ApiClient client) {
        return new DynamicKubernetesApi("", "v1", "namespaces", client).list().getHttpStatusCode();
    }

    @Test
    void aRotatedToken_isReadAgainOn401_andTheRequestSucceeds() {
        ApiClient client = ReloadingKubeconfig.client(this::secret);
        assertEquals(200, list(client));
        assertEquals(1, secretReads.get());

        accepted.set("token-2");
        secretToken.set("token-2"); // rotated: the server and the secret agree, the client still holds token-1
        assertEquals(200, list(client));
        assertEquals(2, secretReads.get());
        assertEquals(200, list(client));
        assertEquals(2, secretReads.get(), "the new token is kept: no read per request");
    }

    @Test
    void aRevokedToken_costsOneReadPerRefusal_andThe401Stands() {
        ApiClient client = ReloadingKubeconfig.client(this::secret);
        accepted.set("token-2"); // revoked, and the secret not rotated yet
        assertEquals(401, list(client));
        assertEquals(2, secretReads.get());
        assertEquals(401, list(client));
        assertEquals(3, secretReads.get());
    }
}
