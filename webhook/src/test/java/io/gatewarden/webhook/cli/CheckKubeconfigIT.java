package io.gatewarden.webhook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --kubeconfig}: references resolve against a live API server (the fabric8 test server on
 * loopback, serving the resources Gatewarden lists).
 */
class CheckKubeconfigIT {

    private static KubernetesMockServer server;
    private static NamespacedKubernetesClient client;

    @TempDir
    static Path tmp;

    static CustomResourceDefinitionContext context(WatchedResource r) {
        return new CustomResourceDefinitionContext.Builder().withGroup(r.group()).withVersion(r.version())
                .withPlural(r.plural()).withKind(r.kind()).withScope(r.namespaced() ? "Namespaced" : "Cluster").build();
    }

    @BeforeAll
    static void start() throws Exception {
        List<CustomResourceDefinitionContext> contexts = WatchedResource.ALL.stream()
                .map(CheckKubeconfigIT::context).toList();
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

    private static void create(String group, String version, String plural, String yaml) {
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

    @AfterAll
    static void stop() {
        client.close();
        server.destroy();
    }

    private static Path kubeconfig() throws Exception {
        Path file = tmp.resolve("kubeconfig");
        Files.writeString(file, """
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
                """.formatted(server.getPort()));
        return file;
    }

    private static Path manifest(String name, String yaml) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void serviceReferencingALiveGateway_isCheckedAgainstItsListeners() throws Exception {
        Path svc = manifest("svc.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: snmp
                  namespace: default
                  labels: {ako.vmware.com/gateway-name: app-gateway-admin-0, ako.vmware.com/gateway-namespace: default}
                spec:
                  ports:
                  - {protocol: UDP, port: 161}
                  - {protocol: TCP, port: 8443}
                """);
        CheckCommandTest.Run offline = CheckCommandTest.runCli("check", "-f", svc.toString());
        // the Gateway is not in the files: a warning that names it, not an error
        assertEquals(0, offline.code(), offline.out());
        assertTrue(offline.out().startsWith("WARNING ") && offline.out().contains("[AVI-SVC-002]"), offline.out());
        CheckCommandTest.Run live = CheckCommandTest.runCli("check", "-f", svc.toString(), "--kubeconfig",
                kubeconfig().toString());
        assertEquals(1, live.code(), live.out() + live.err());
        assertEquals(List.of("ERROR " + svc + ":10 Service default/snmp spec.ports[1]: Not found: \"TCP/8443\": "
                + "Gateway default/app-gateway-admin-0 has no listener TCP/8443; its listeners are [UDP/161, TCP/80]"
                + " — AKO never serves this port [AVI-SVC-003]",
                "1 objects checked: 1 errors, 0 warnings"), live.out().lines().toList());
    }

    @Test
    void gatewayAddress_isCheckedAgainstTheLiveInfraSettingsCidr() throws Exception {
        Path gw = manifest("gw.yaml", """
                apiVersion: networking.x-k8s.io/v1alpha1
                kind: Gateway
                metadata: {name: gw, namespace: default}
                spec:
                  gatewayClassName: avi-oam
                  addresses: [{type: IPAddress, value: 10.10.16.232}]
                  listeners:
                  - protocol: TCP
                    port: 80
                    routes:
                      selector:
                        matchLabels: {ako.vmware.com/gateway-name: gw, ako.vmware.com/gateway-namespace: default}
                """);
        CheckCommandTest.Run live = CheckCommandTest.runCli("check", "-f", gw.toString(), "--kubeconfig",
                kubeconfig().toString());
        assertEquals(1, live.code());
        assertTrue(live.out().contains("spec.addresses[0].value: Invalid value: \"10.10.16.232\": lies outside the "
                + "VIP networks [10.223.63.0/26] of AviInfraSetting \"oam\" [AVI-GW-007]"), live.out());
    }

    @Test
    void referenceAbsentFromFilesAndCluster_isAnError() throws Exception {
        Path svc = manifest("orphan.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: orphan
                  namespace: default
                  labels: {ako.vmware.com/gateway-name: no-such-gateway, ako.vmware.com/gateway-namespace: default}
                spec:
                  ports: [{protocol: TCP, port: 80}]
                """);
        CheckCommandTest.Run live = CheckCommandTest.runCli("check", "-f", svc.toString(), "--kubeconfig",
                kubeconfig().toString());
        assertEquals(1, live.code(), live.out() + live.err());
        assertTrue(live.out().startsWith("ERROR ") && live.out().contains("default/no-such-gateway [AVI-SVC-002]"),
                live.out());
    }

    @Test
    void unreachableCluster_isAUsageErrorInOneLine() throws Exception {
        Path cfg = tmp.resolve("dead-kubeconfig");
        Files.writeString(cfg, Files.readString(kubeconfig()).replace(":" + server.getPort(), ":1"));
        CheckCommandTest.Run r = CheckCommandTest.runCli("check", "-f", manifest("empty.yaml", "").toString(),
                "--kubeconfig", cfg.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("gatewarden check: cannot reach the cluster: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
