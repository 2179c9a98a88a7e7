package io.gatewarden.webhook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.webhook.testing.AkoTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static AkoTestCluster cluster;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        cluster = new AkoTestCluster();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Path kubeconfig() throws Exception {
        Path file = tmp.resolve("kubeconfig");
        Files.writeString(file, cluster.kubeconfig());
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
        Files.writeString(cfg, Files.readString(kubeconfig()).replace(":" + cluster.port(), ":1"));
        CheckCommandTest.Run r = CheckCommandTest.runCli("check", "-f", manifest("empty.yaml", "").toString(),
                "--kubeconfig", cfg.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("gatewarden check: cannot reach the cluster: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
