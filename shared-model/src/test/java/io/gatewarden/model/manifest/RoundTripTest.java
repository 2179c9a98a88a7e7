package io.gatewarden.model.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewarden.model.JsonAssert;
import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.gateway.v1.Gateway;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** YAML → record → JSON → record for every modeled kind: nothing is lost, unknown fields included. */
class RoundTripTest {

    private static final ObjectMapper JSON = Json.mapper();
    private static final ParseResult ALL = Fixtures.parse("all-kinds.yaml");

    static Stream<Arguments> objects() {
        return ALL.objects().stream().map(o -> Arguments.of(o.apiVersion() + " " + o.kind(), o));
    }

    @Test
    void fixture_isClean_andCoversEveryKind() {
        assertEquals(List.of(), ALL.problems());
        assertEquals(15, ALL.objects().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void roundTrip_keepsEveryField(String name, ManifestObject object) throws Exception {
        KubernetesObject typed = object.typed();
        assertNotNull(typed, name + " should bind to a record");
        String json = JSON.writeValueAsString(typed);
        KubernetesObject again = JSON.readValue(json, typed.getClass());
        JsonAssert.assertSameTree(object.raw(), JSON.valueToTree(typed));
        JsonAssert.assertSameTree(object.raw(), JSON.valueToTree(again));
    }

    @Test
    void typedAccessors_readTheFieldsRulesNeed() {
        Service svc = (Service) ALL.objects().get(0).typed();
        assertEquals("traffic", svc.metadata().annotation("aviinfrasetting.ako.vmware.com/name"));
        assertEquals("dns", svc.ports().get(0).targetPort().strValue());
        assertEquals(5353, svc.ports().get(1).targetPort().intValue());
        assertEquals("UDP", svc.ports().get(1).protocolOrDefault());
        assertTrue(svc.isLoadBalancer());
        Gateway gw = (Gateway) ALL.objects().get(10).typed();
        assertEquals("IPAddress", gw.addresses().get(0).typeOrDefault());
        assertEquals("web-tls", gw.listeners().get(0).tls().certificateRefs().get(0).name());
        AviInfraSetting infra = (AviInfraSetting) ALL.objects().get(14).typed();
        assertEquals("MEDIUM", infra.shardSize());
        assertEquals("2001:db8::/120", infra.vipNetworks().get(0).v6cidr());
    }
}
