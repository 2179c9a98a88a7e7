package io.gatewarden.applier.handler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The fabric8 Kubernetes API test server on loopback, serving Gateways of both APIs besides the core kinds. */
final class KubernetesTestApi implements AutoCloseable {

    static final CustomResourceDefinitionContext GATEWAYS_V1ALPHA1 = crd("networking.x-k8s.io", "v1alpha1");
    static final CustomResourceDefinitionContext GATEWAYS_V1 = crd("gateway.networking.k8s.io", "v1");

    private final KubernetesMockServer server;
    final NamespacedKubernetesClient fabric8;

    KubernetesTestApi() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new io.gatewarden.applier.status.ApplyAsStatusPatch(new KubernetesCrudDispatcher(List.of(GATEWAYS_V1ALPHA1, GATEWAYS_V1))), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        fabric8 = server.createClient();
    }

    private static CustomResourceDefinitionContext crd(String group, String version) {
        return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
                .withPlural("gateways").withKind("Gateway").withScope("Namespaced").build();
    }

    /** A client-java client for the code under test. */
    ApiClient client() {
        try {
            return ClientBuilder.standard(false).setBasePath("http://127.0.0.1:" + server.getPort()).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Creates objects from YAML (Services, EndpointSlices, Nodes, Gateways). */
    void create(String yaml) {
        fabric8.load(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .items().forEach(o -> fabric8.resource(o).create());
    }

    void gateway(CustomResourceDefinitionContext crd, String namespace, String name) {
        fabric8.genericKubernetesResources(crd).inNamespace(namespace).resource(Serialization.unmarshal(
                "{\"apiVersion\":\"" + crd.getGroup() + "/" + crd.getVersion() + "\",\"kind\":\"Gateway\","
                        + "\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + namespace + "\"}}",
                GenericKubernetesResource.class)).create();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> gatewayStatus(CustomResourceDefinitionContext crd, String namespace, String name) {
        return (Map<String, Object>) fabric8.genericKubernetesResources(crd).inNamespace(namespace).withName(name).get()
                .getAdditionalProperties().get("status");
    }

    @Override
    public void close() {
        fabric8.close();
        server.destroy();
    }
}
