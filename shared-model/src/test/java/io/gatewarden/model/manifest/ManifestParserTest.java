package io.gatewarden.model.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The problems the parser reports, exactly, for fixtures modeled on the seed documents. */
class ManifestParserTest {

    /** file, objects read (kind/name), problems as "line field: Type". */
    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("seed-avi-segmented.yaml",
                        List.of("AviInfraSetting/aviinfrasetting-tkg-wkld-oam", "GatewayClass/avigatewayclass-tkg-wkld-oam",
                                "Gateway/app-gateway-admin-0", "Service/web-statefulset-service-oam",
                                "IngressClass/avi-ingress-class-oam", "Ingress/my-ingress"),
                        List.of("64 spec.app: Unknown field", "69 spec.ports[0].type: Unknown field",
                                "94 : Syntax error")),
                Arguments.of("seed-ako-infra.yaml",
                        List.of("AviInfraSetting/critical.infra", "Ingress/hello", "GatewayClass/critical-gwc",
                                "Gateway/avi-alb-gw", "Service/hello", "Deployment/hello"),
                        // AKO's CRD has no network.names (older AKO releases had it): kubectl refuses it today
                        List.of("9 spec.network.names: Unknown field", "22 metadata.labels.app: Duplicate value")),
                Arguments.of("seed-loxilb.yaml",
                        List.of("GatewayClass/test-gc", "Gateway/test-gateway", "TCPRoute/test-tcproute",
                                "UDPRoute/test-udproute", "HTTPRoute/test-http-route"),
                        List.of()),
                Arguments.of("wrong-types.yaml",
                        List.of("Service/typed", "AviInfraSetting/typed-infra", "Service/", "Service/after-broken"),
                        List.of("6 metadata.labels[tier]: Invalid type", "10 spec.ports[0].port: Invalid type",
                                "13 spec.ports[1].nodePort: Invalid type",
                                "21 spec.network.enableRhi: Invalid type", "22 spec.network.vipNetworks: Invalid type",
                                "24 apiVersion: Required value", "25 metadata.name: Required value",
                                "34 : Syntax error")),
                Arguments.of("list.yaml", List.of("Namespace/oam", "IngressClass/oam"),
                        List.of("16 spec.bogus: Unknown field")),
                Arguments.of("service.json", List.of("Service/json-svc"),
                        List.of("9 spec.unknownThing: Unknown field")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parse_reportsExactlyTheseProblems(String file, List<String> objects, List<String> problems) {
        ParseResult result = Fixtures.parse(file);
        assertEquals(objects, result.objects().stream().map(o -> o.kind() + "/" + o.name()).toList());
        assertEquals(problems, result.problems().stream()
                .map(p -> p.line() + " " + p.error().path() + ": " + p.error().type().text()).toList());
        result.problems().forEach(p -> assertEquals(file, p.source()));
    }

    @Test
    void messages_sayWhatIsWrongAndWhatWouldBeValid() {
        List<String> messages = Fixtures.parse("seed-avi-segmented.yaml").problems().stream()
                .map(p -> p.toString()).toList();
        assertTrue(messages.get(0).startsWith("seed-avi-segmented.yaml:64: spec.app: Unknown field: \"app\" is not a "
                + "field of Service spec; known fields: type, ports, selector,"), messages.get(0));
        assertEquals("seed-avi-segmented.yaml:94: Syntax error: could not find expected ':' (while scanning a simple "
                + "key); line 93 has an indented \"---\", which is not a document separator: move it to column 0",
                messages.get(2));
        List<String> typed = Fixtures.parse("wrong-types.yaml").problems().stream().map(Object::toString).toList();
        assertEquals("wrong-types.yaml:10: spec.ports[0].port: Invalid type: \"80\": expected integer, got string",
                typed.get(1));
        assertEquals("wrong-types.yaml:6: metadata.labels[tier]: Invalid type: 1: expected string, got integer",
                typed.get(0));
        String dup = Fixtures.parse("seed-ako-infra.yaml").problems().get(1).toString();
        assertEquals("seed-ako-infra.yaml:22: metadata.labels.app: Duplicate value: \"app\": mapping key \"app\" "
                + "appears again (first at line 21); only the last value is kept, remove one of them", dup);
    }

    @Test
    void problems_nameTheObject() {
        ManifestProblem p = Fixtures.parse("seed-avi-segmented.yaml").problems().get(0);
        assertEquals("v1", p.apiVersion());
        assertEquals("Service", p.kind());
        assertEquals("default", p.namespace());
        assertEquals("web-statefulset-service-oam", p.name());
    }

    @Test
    void wrongTypedValues_areDroppedSoTheRestBinds() {
        ManifestObject svc = Fixtures.parse("wrong-types.yaml").objects().get(0);
        io.gatewarden.model.k8s.Service typed = (io.gatewarden.model.k8s.Service) svc.typed();
        assertNull(typed.ports().get(0).port());
        assertEquals(443, typed.ports().get(1).port());
        assertEquals("LoadBalancer", typed.type());
    }

    @Test
    void unknownKinds_areKeptUntyped() {
        ManifestObject deployment = Fixtures.parse("seed-ako-infra.yaml").objects().get(5);
        assertEquals("apps/v1", deployment.apiVersion());
        assertNull(deployment.typed());
    }

    @Test
    void emptyDocumentsAndComments_areIgnored() {
        ParseResult r = new ManifestParser().parse("x", "---\n# nothing\n---\n\n...\n");
        assertEquals(List.of(), r.objects());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void kustomizeFiles_areNotClusterObjects() {
        ParseResult r = new ManifestParser().parse("kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n");
        assertEquals(List.of(), r.objects());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void aScalarDocument_isAProblemNotACrash() {
        ParseResult r = new ManifestParser().parse("x", "just text\n");
        assertEquals(1, r.problems().size());
        assertEquals("x:1: Invalid value: a Kubernetes object must be a mapping with apiVersion, kind and metadata",
                r.problems().get(0).toString());
    }

    @Test
    void documentMarkerWithContent_keepsLineNumbers() {
        ParseResult r = new ManifestParser().parse("x", "--- {apiVersion: v1, kind: Namespace, metadata: {name: a}}\n"
                + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n  bad: 1\n");
        assertEquals(List.of("a", "b"), r.objects().stream().map(ManifestObject::name).toList());
        assertEquals(1, r.objects().get(0).line());
        assertEquals(3, r.objects().get(1).line());
        assertTrue(r.problems().get(0).toString().startsWith("x:7: metadata.bad: Unknown field: "));
    }

    /** Nine levels of nine aliases each: 81 aliases, past SnakeYAML's budget of 50. */
    static String aliasBomb(int levels, int perLevel) {
        StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  l0: &l0 [lol]\n");
        for (int level = 1; level <= levels; level++) {
            sb.append("  l").append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < perLevel; i++) {
                sb.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    @Test
    void aliasBomb_isRefusedWithOneLine_beforeItExpands() {
        for (String bomb : List.of(aliasBomb(9, 9), aliasBomb(6, 8))) { // 81 aliases; 48 aliases expanding to 262,144
            long start = System.nanoTime();
            ManifestLimitException e = org.junit.jupiter.api.Assertions.assertThrows(ManifestLimitException.class,
                    () -> new ManifestParser().parse("bomb.yaml", bomb));
            assertTrue(e.getMessage().startsWith("bomb.yaml:1: "), e.getMessage());
            assertTrue(e.getMessage().contains("aliases"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused at once, not after expanding");
        }
    }

    @Test
    void deepNesting_isRefusedWithOneLine() {
        for (int depth : List.of(150, 100_000)) {
            String deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + "[".repeat(depth)
                    + "]".repeat(depth) + "\n";
            ManifestLimitException e = org.junit.jupiter.api.Assertions.assertThrows(ManifestLimitException.class,
                    () -> new ManifestParser().parse("deep.json", deep));
            assertTrue(e.getMessage().startsWith("deep.json:1: nested deeper than"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
        // a manifest of ordinary depth is read
        assertEquals(1, new ManifestParser().parse("ok.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n"
                + "data: " + "[".repeat(20) + "]".repeat(20) + "\n").objects().size());
    }
}
