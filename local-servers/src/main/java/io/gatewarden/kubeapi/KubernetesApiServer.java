package io.gatewarden.kubeapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.gatewarden.kube.WatchedResource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/**
 * A Kubernetes API on 127.0.0.1 for the local stack and tests: fabric8's test server in CRUD mode, which stores
 * what is written (uid, resourceVersion and creationTimestamp assigned, label selectors honoured), with every
 * custom resource Gatewarden reads registered at its scope. It is not a real API server: no admission, no
 * server-side apply (see {@link ApplyAsStatusPatch}), no validation against the CRDs; a real one is used where
 * those matter.
 */
public final class KubernetesApiServer implements AutoCloseable {

    /** The test server logs every request at INFO through java.util.logging: kept, and quiet (a strong reference). */
    private static final java.util.logging.Logger REQUEST_LOG = quiet(java.util.logging.Logger.getLogger(
            "io.fabric8.mockwebserver.MockWebServer"));

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    public KubernetesApiServer() throws IOException {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ApplyAsStatusPatch(new KubernetesCrudDispatcher(customResources())), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
    }

    private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** Every custom resource Gatewarden reads, with its scope. */
    public static List<CustomResourceDefinitionContext> customResources() {
        return WatchedResource.ALL.stream().filter(r -> r.group().contains(".") && !r.group().equals("networking.k8s.io"))
                .map(r -> new CustomResourceDefinitionContext.Builder().withGroup(r.group()).withVersion(r.version())
                        .withPlural(r.plural()).withKind(r.kind()).withScope(r.namespaced() ? "Namespaced" : "Cluster")
                        .build()).toList();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    /** A fabric8 client on this server (tests, the demo storing what was admitted). */
    public NamespacedKubernetesClient client() {
        return client;
    }

    /** Creates or replaces an object given as JSON, as the API server stores what kubectl applies. */
    public void store(JsonNode object) {
        store(client, object);
    }

    public void delete(JsonNode object) {
        delete(client, object);
    }

    /** A client for a server of this kind that runs elsewhere (another process's stack). */
    public static KubernetesClient clientFor(URI base) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(base.toString())
                .withOauthToken("local").build()).build();
    }

    public static void store(KubernetesClient client, JsonNode object) {
        client.resource(Serialization.unmarshal(object.toString(), GenericKubernetesResource.class))
                .createOr(NonDeletingOperation::update);
    }

    /** The object of that kind, namespace and name as the server holds it, null when it has none. */
    public static JsonNode find(KubernetesClient client, JsonNode object) {
        JsonNode meta = object.path("metadata");
        var resources = client.genericKubernetesResources(object.path("apiVersion").asText(),
                object.path("kind").asText());
        GenericKubernetesResource r = (meta.path("namespace").isTextual()
                ? resources.inNamespace(meta.path("namespace").asText()).withName(meta.path("name").asText())
                : resources.withName(meta.path("name").asText())).get();
        return r == null ? null : Serialization.jsonMapper().valueToTree(r);
    }

    public static void delete(KubernetesClient client, JsonNode object) {
        client.resource(Serialization.unmarshal(object.toString(), GenericKubernetesResource.class)).delete();
    }

    /** Writes a kubeconfig for this server into {@code dir}; kubectl and the applier use it. */
    public Path kubeconfig(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: gatewarden-local, cluster: {server: "%s"}}]
                users: [{name: gatewarden-local, user: {token: local}}]
                contexts: [{name: gatewarden-local, context: {cluster: gatewarden-local, user: gatewarden-local}}]
                current-context: gatewarden-local
                """.formatted(base()));
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
