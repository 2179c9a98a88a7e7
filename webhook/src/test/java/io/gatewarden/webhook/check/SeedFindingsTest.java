package io.gatewarden.webhook.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewarden.webhook.cluster.ManifestSources;
import io.gatewarden.webhook.policy.PolicyEngine;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The findings for manifests modeled on the seed documents: the real mistakes they contain. */
class SeedFindingsTest {

    private static final ManifestCheck CHECK = new ManifestCheck(new PolicyEngine());

    private static List<String> findings(String file) throws Exception {
        Path path = Path.of(SeedFindingsTest.class.getResource("seeds/" + file).toURI());
        CheckResult r = CHECK.check(new ManifestSources().read(List.of(path.toString()), InputStream.nullInputStream()));
        return r.findings().stream().map(lf -> lf.line() + " " + RuleCasesTest.describe(lf.finding())).toList();
    }

    @Test
    void segmentationSeed_misIndentedService_portWithoutListener_gluedIngressClasses_removedIngressApi()
            throws Exception {
        assertEquals(List.of(
                "64 MAN-001 error Service default/web-statefulset-service-oam spec.app",
                "66 AVI-SVC-003 error Service default/web-statefulset-service-oam spec.ports[0]",
                "69 MAN-001 error Service default/web-statefulset-service-oam spec.ports[0].type",
                "94 MAN-001 error   ",
                "105 ING-002 error Ingress default/my-ingress apiVersion"), findings("seed-avi-segmented.yaml"));
    }

    @Test
    void akoInfraSeed_duplicateLabel_unusedTlsHost_loadBalancerOnGateway() throws Exception {
        assertEquals(List.of(
                "9 MAN-001 error AviInfraSetting critical.infra spec.network.names", // not in AKO's CRD
                "22 MAN-001 error Ingress default/hello metadata.labels.app",
                "26 ING-003 warning Ingress default/hello spec.tls[0].hosts[0]",
                "89 AVI-SVC-005 warning Service default/hello spec.type"), findings("seed-ako-infra.yaml"));
    }

    @Test
    void loxilbSeed_clusterScopedNamespace_httpRouteWithoutSectionName() throws Exception {
        assertEquals(List.of(
                "6 MAN-003 warning GatewayClass test-gc metadata.namespace",
                "69 RT-004 error HTTPRoute kube-system/test-http-route spec.parentRefs[0].sectionName"),
                findings("seed-loxilb.yaml"));
    }
}
