package io.gatewarden.webhook.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.gatewarden.kube.WatchedResource;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * The fabric8 test server on loopback (CRUD, serving every resource Gatewarden lists) holding an AKO setup:
 * AviInfraSetting {@code oam} (VIP network 10.223.63.0/26), GatewayClass {@code avi-oam} and Gateway
 * {@code default/app-gateway-admin-0} with listeners UDP/161 and TCP/80.
 */
public final class AkoTestCluster implements AutoCloseable {

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    public AkoTestCluster() throws Exception {
        List<CustomResourceDefinitionContext> contexts = WatchedResource.ALL.stream()
                .map(AkoTestCluster::context).toList();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(contexts), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
        create("ako.vmware.com", "v1beta1", "aviinfrasettings", """
                apiVersion: ako.vmware.com/v1beta1
                kind: AviInfraSetting
                metadata: {name: oam}
                spec:
                  network:
                    vipNetworks: [{networkName: oam-vip, cidr: 10.223.63.0/26}]
                """);
        create("networking.x-k8s.io", "v1alpha1", "gatewayclasses", """
                apiVersion: networking.x-k8s.io/v1alpha1
                kind: GatewayClass
                metadata: {name: avi-oam}
                spec:
                  controller: ako.vmware.com/avi-lb
                  parametersRef: {group: ako.vmware.com, kind: AviInfraSetting, name: oam}
                """);
        create("networking.x-k8s.io", "v1alpha1", "gateways", """
                apiVersion: networking.x-k8s.io/v1alpha1
                kind: Gateway
                metadata: {name: app-gateway-admin-0, namespace: default}
                spec:
                  gatewayClassName: avi-oam
                  listeners:
                  - protocol: UDP
                    port: 161
                    routes:
                      selector:
                        matchLabels: {ako.vmware.com/gateway-name: app-gateway-admin-0, ako.vmware.com/gateway-namespace: default}
                  - protocol: TCP
                    port: 80
                    routes:
                      selector:
                        matchLabels: {ako.vmware.com/gateway-name: app-gateway-admin-0, ako.vmware.com/gateway-namespace: default}
                """);
    }

    private static CustomResourceDefinitionContext context(WatchedResource r) {
        return new CustomResourceDefinitionContext.Builder().withGroup(r.group()).withVersion(r.version())
                .withPlural(r.plural()).withKind(r.kind()).withScope(r.namespaced() ? "Namespaced" : "Cluster").build();
    }

    private void create(String group, String version, String plural, String yaml) {
        WatchedResource r = WatchedResource.ALL.stream()
                .filter(w -> w.group().equals(group) && w.version().equals(version) && w.plural().equals(plural))
                .findFirst().orElseThrow();
        GenericKubernetesResource res = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        var op = client.genericKubernetesResources(context(r));
        if (r.namespaced()) {
            op.inNamespace(res.getMetadata().getNamespace()).resource(res).create();
        } else {
            op.resource(res).create();
        }
    }

    public int port() {
        return server.getPort();
    }

    /** A kubeconfig for this server with a bearer token (the test server accepts any). */
    public String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster: {server: "http://127.0.0.1:%d"}
                users:
                - name: test
                  user: {token: test-token}
                contexts:
                - name: test
                  context: {cluster: test, user: test}
                current-context: test
                """.formatted(server.getPort());
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
