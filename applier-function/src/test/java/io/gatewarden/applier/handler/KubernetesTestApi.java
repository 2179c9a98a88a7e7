package io.gatewarden.applier.handler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gatewarden.kubeapi.KubernetesApiServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import java.util.Map;

/** The local Kubernetes API server with test helpers: YAML creates, bare Gateways, status reads. */
final class KubernetesTestApi implements AutoCloseable {

    static final CustomResourceDefinitionContext GATEWAYS_V1ALPHA1 = crd("networking.x-k8s.io", "v1alpha1");
    static final CustomResourceDefinitionContext GATEWAYS_V1 = crd("gateway.networking.k8s.io", "v1");

    private final KubernetesApiServer server;
    final NamespacedKubernetesClient fabric8;

    KubernetesTestApi() throws Exception {
        server = new KubernetesApiServer();
        fabric8 = server.client();
    }

    private static CustomResourceDefinitionContext crd(String group, String version) {
        return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
                .withPlural("gateways").withKind("Gateway").withScope("Namespaced").build();
    }

    /** A client-java client for the code under test. */
    ApiClient client() {
        try {
            return ClientBuilder.standard(false).setBasePath(server.base().toString()).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    java.nio.file.Path kubeconfig(java.nio.file.Path dir) throws java.io.IOException {
        return server.kubeconfig(dir);
    }

    /** Creates objects from YAML (Services, EndpointSlices, Nodes, Gateways). */
    void create(String yaml) {
        fabric8.load(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .items().forEach(o -> fabric8.resource(o).create());
    }

    void store(com.fasterxml.jackson.databind.JsonNode object) {
        server.store(object);
    }

    void delete(com.fasterxml.jackson.databind.JsonNode object) {
        server.delete(object);
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
        server.close();
    }
}
