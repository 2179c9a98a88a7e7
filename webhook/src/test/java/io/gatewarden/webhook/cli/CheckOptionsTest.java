package io.gatewarden.webhook.cli;

import io.gatewarden.webhook.cluster.ManifestSources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check's options for real repositories: where references are looked up, configuration, empty paths, kustomize. */
class CheckOptionsTest {

    private static final String ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: TCPRoute
            metadata: {name: dns-tcp, namespace: edge}
            spec:
              parentRefs: [{name: edge-gateway, sectionName: dns}]
              rules: [{backendRefs: [{name: coredns, port: 53}]}]
            """;
    private static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: edge-gateway, namespace: edge}
            spec:
              gatewayClassName: other
              listeners: [{name: dns, protocol: TCP, port: 53}]
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void referenceOutsideTheSet_isAWarningNamingIt_byDefault() throws Exception {
        PlainCli.Run r = PlainCli.run("check", "-f", write("route.yaml", ROUTE).toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().startsWith("WARNING "), r.out());
        assertTrue(r.out().contains("no Gateway (gateway.networking.k8s.io) edge/edge-gateway"), r.out());
        assertTrue(r.out().contains("[RT-003]"), r.out());
    }

    @Test
    void referenceOutsideTheSet_isAnError_withStrictRefs() throws Exception {
        PlainCli.Run r = PlainCli.run("check", "--strict-refs", "-f", write("route.yaml", ROUTE).toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().startsWith("ERROR ") && r.out().contains("[RT-003]"), r.out());
    }

    @Test
    void context_resolvesReferences_withoutCheckingTheContextObjects() throws Exception {
        Path route = write("app/route.yaml", ROUTE);
        // the context Gateway has a mistake of its own (a port out of range): context objects are never reported
        Path platform = write("platform/gateway.yaml", GATEWAY.replace("port: 53}", "port: 53}, {name: bad, protocol: TCP, port: 99999}"));
        PlainCli.Run found = PlainCli.run("check", "--context", platform.toString(), "-f", route.toString());
        assertEquals(0, found.code(), found.out());
        assertTrue(found.out().startsWith("1 objects checked: 0 errors, 0 warnings"), found.out());

        Path elsewhere = write("platform/other.yaml", GATEWAY.replace("edge-gateway", "another"));
        PlainCli.Run missing = PlainCli.run("check", "--context", elsewhere.toString(), "-f", route.toString());
        assertEquals(1, missing.code(), missing.out());
        assertTrue(missing.out().contains("ERROR") && missing.out().contains("[RT-003]"), missing.out());
    }

    @Test
    void configFile_disablesRules_overridesSeverity_excludesPaths_andAddsContext() throws Exception {
        write("platform/gateway.yaml", GATEWAY);
        write("app/route.yaml", ROUTE);
        write("app/legacy.yaml", """
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: old}
                spec: {backend: {serviceName: web, servicePort: 80}}
                """);
        write("app/broken/bad.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {bogus: 1}\n");
        write(".gatewarden.yaml", """
                disabledRules: [ING-002]
                severity: {MAN-003: error}
                exclude: ["app/broken/**"]
                context: [platform]
                """);
        write("app/class.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata: {name: lb, namespace: oops}
                spec: {controller: example.com/lb}
                """);
        PlainCli.Run r = PlainCli.run("check", "-f", dir.resolve("app").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        List<String> findings = r.out().lines().filter(l -> l.startsWith("ERROR") || l.startsWith("WARNING")).toList();
        assertEquals(1, findings.size(), r.out()); // ING-002 disabled, bad.yaml excluded, the route's Gateway found
        assertTrue(findings.get(0).startsWith("ERROR ") && findings.get(0).endsWith("[MAN-003]"), r.out());
    }

    @Test
    void configFile_withAnUnknownKey_isAUsageError_namingIt() throws Exception {
        write(".gatewarden.yaml", "disabled: [ING-002]\n");
        PlainCli.Run r = PlainCli.run("check", "-f", write("route.yaml", ROUTE).toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown key \"disabled\"; known keys: context, disabledRules, exclude, severity"),
                r.err());
        write(".gatewarden.yaml", "disabledRules: [NOPE-1]\n");
        assertTrue(PlainCli.run("check", "-f", dir.resolve("route.yaml").toString()).err().contains("no rule NOPE-1"));
        PlainCli.Run explicit = PlainCli.run("check", "--config", write("ok.yaml", "disabledRules: [RT-003]\n").toString(),
                "-f", dir.resolve("route.yaml").toString());
        assertEquals(0, explicit.code(), explicit.err());
        assertTrue(explicit.out().startsWith("1 objects checked: 0 errors, 0 warnings"), explicit.out());
    }

    @Test
    void pathWithoutObjects_warns_andFailsOnlyWithStrict() throws Exception {
        write("empty/README.yaml", "# nothing here\n");
        PlainCli.Run lenient = PlainCli.run("check", "-f", dir.resolve("empty").toString());
        assertEquals(0, lenient.code());
        assertTrue(lenient.err().contains("yields no Kubernetes object"), lenient.err());
        PlainCli.Run strict = PlainCli.run("check", "--strict", "-f", dir.resolve("empty").toString());
        assertEquals(2, strict.code());
    }

    @Test
    void kustomizeFolder_isRendered_whenKubectlIsThere_elseAHint() throws Exception {
        write("kz/kustomization.yaml", "resources: [route.yaml]\nnamespace: edge\n");
        write("kz/route.yaml", ROUTE);
        ManifestSources.UnreadablePathException e = assertThrows(ManifestSources.UnreadablePathException.class,
                () -> new ManifestSources("kubectl-that-is-not-installed").read(List.of(dir.resolve("kz").toString()),
                        InputStream.nullInputStream(), p -> false));
        assertTrue(e.getMessage().contains("is a kustomize folder (kustomization.yaml) and kubectl is not on the PATH"),
                e.getMessage());
        if (onPath("kubectl")) {
            PlainCli.Run r = PlainCli.run("check", "-f", dir.resolve("kz").toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("TCPRoute edge/dns-tcp") && r.out().endsWith("1 objects checked: 0 errors, 1 warnings\n"),
                    r.out());
        }
    }

    @Test
    void inputBeyondTheReadersLimits_exitsTwo_withOneLine() throws Exception {
        Path deep = write("deep.json", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"x\"}, "
                + "\"data\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        PlainCli.Run r = PlainCli.run("check", "-f", deep.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("gatewarden check: " + deep + ":1: nested deeper than"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void help_worksOnEveryPlainCommand() {
        for (String cmd : List.of("check", "rules", "explain", "version")) {
            for (String flag : List.of("--help", "-h")) {
                PlainCli.Run r = PlainCli.run(cmd, flag);
                assertEquals(0, r.code(), cmd + " " + flag + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: gatewarden " + cmd), r.out());
            }
        }
        assertFalse(PlainCli.run("check", "--help").out().contains("Missing required option"));
    }

    @Test
    void rules_listsTheCatalogue_andExplainShowsBothExamples() {
        PlainCli.Run rules = PlainCli.run("rules");
        assertEquals(0, rules.code());
        assertTrue(rules.out().lines().anyMatch(l -> l.startsWith("VIP-001 ") && l.contains("error")), rules.out());
        PlainCli.Run explain = PlainCli.run("explain", "vip-001");
        assertEquals(0, explain.code(), explain.err());
        assertTrue(explain.out().startsWith("VIP-001 (error): "), explain.out());
        assertTrue(explain.out().contains("Fails (check/cases/VIP-001-fail.yaml):"), explain.out());
        assertTrue(explain.out().contains("check says:\n  ERROR line "), explain.out());
        assertTrue(explain.out().contains("Passes (check/cases/avi-gateway-pass.yaml):"), explain.out());
        PlainCli.Run admission = PlainCli.run("explain", "UPD-002");
        assertTrue(admission.out().contains("Admission only") && admission.out().contains("\"AdmissionReview\""),
                admission.out());
        assertEquals(2, PlainCli.run("explain", "NOPE-9").code());
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
