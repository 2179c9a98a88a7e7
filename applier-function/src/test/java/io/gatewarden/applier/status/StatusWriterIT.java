package io.gatewarden.applier.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
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
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status write-back through client-java against the fabric8 Kubernetes API test server on loopback. */
class StatusWriterIT {

    private static final CustomResourceDefinitionContext GATEWAYS = new CustomResourceDefinitionContext.Builder()
            .withGroup("networking.x-k8s.io").withVersion("v1alpha1").withPlural("gateways").withKind("Gateway")
            .withScope("Namespaced").build();

    private KubernetesMockServer api;
    private NamespacedKubernetesClient fabric8;
    private StatusWriter writer;

    @BeforeEach
    void start() throws Exception {
        api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new io.gatewarden.kubeapi.ApplyAsStatusPatch(new KubernetesCrudDispatcher(List.of(GATEWAYS))), false);
        api.init(InetAddress.getByName("127.0.0.1"), 0);
        fabric8 = api.createClient();
        ApiClient client = ClientBuilder.standard(false).setBasePath("http://127.0.0.1:" + api.getPort()).build();
        writer = new StatusWriter(client, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        fabric8.close();
        api.destroy();
    }

    @Test
    void serviceShowsItsVip() {
        fabric8.services().inNamespace("traffic").resource(new ServiceBuilder().withNewMetadata().withName("dns")
                .endMetadata().withNewSpec().withType("LoadBalancer").endSpec().build()).create();
        writer.serviceVip("traffic", "dns", "10.10.16.5");
        assertEquals("10.10.16.5", fabric8.services().inNamespace("traffic").withName("dns").get()
                .getStatus().getLoadBalancer().getIngress().get(0).getIp());
        assertEquals("LoadBalancer", fabric8.services().inNamespace("traffic").withName("dns").get().getSpec().getType());
    }

    @Test
    @SuppressWarnings("unchecked")
    void gatewayShowsItsAddressAndConditions() {
        fabric8.genericKubernetesResources(GATEWAYS).inNamespace("oam").resource(Serialization.unmarshal("""
                apiVersion: networking.x-k8s.io/v1alpha1
                kind: Gateway
                metadata: {name: dns, namespace: oam}
                spec: {gatewayClassName: avi-oam, listeners: [{protocol: TCP, port: 53}]}
                """, GenericKubernetesResource.class)).create();
        writer.gateway("networking.x-k8s.io", "v1alpha1", "oam", "dns", "10.10.16.5", 1,
                List.of(new StatusReporter.GatewayCondition("Ready", true, "Ready", "VIP 10.10.16.5 on Avi")),
                List.of(new StatusReporter.ListenerState(null, 53, "UDP", null, List.of(
                        new StatusReporter.GatewayCondition("PortConflict", true, "PortConflict", "two Services")))));
        GenericKubernetesResource gw = fabric8.genericKubernetesResources(GATEWAYS).inNamespace("oam").withName("dns").get();
        Map<String, Object> status = (Map<String, Object>) gw.getAdditionalProperties().get("status");
        Map<String, Object> address = ((List<Map<String, Object>>) status.get("addresses")).get(0);
        assertEquals("10.10.16.5", address.get("value"));
        assertEquals("IPAddress", address.get("type"));
        Map<String, Object> ready = ((List<Map<String, Object>>) status.get("conditions")).get(0);
        assertEquals("Ready", ready.get("type"));
        assertEquals("True", ready.get("status"));
        Map<String, Object> listener = ((List<Map<String, Object>>) status.get("listeners")).get(0);
        assertEquals(53, ((Number) listener.get("port")).intValue());
        Map<String, Object> conflict = ((List<Map<String, Object>>) listener.get("conditions")).get(0);
        assertEquals("PortConflict", conflict.get("type"));
        assertEquals("True", conflict.get("status"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLaterStatus_replacesTheEarlierOne() {
        fabric8.genericKubernetesResources(GATEWAYS).inNamespace("oam").resource(Serialization.unmarshal("""
                apiVersion: networking.x-k8s.io/v1alpha1
                kind: Gateway
                metadata: {name: dns, namespace: oam}
                """, GenericKubernetesResource.class)).create();
        writer.gateway("networking.x-k8s.io", "v1alpha1", "oam", "dns", "10.10.16.5", 1,
                List.of(new StatusReporter.GatewayCondition("Ready", true, "Ready", "first")), List.of());
        writer.gateway("networking.x-k8s.io", "v1alpha1", "oam", "dns", "10.10.16.5", 2,
                List.of(new StatusReporter.GatewayCondition("Ready", false, "PortConflict", "second")), List.of());
        GenericKubernetesResource gw = fabric8.genericKubernetesResources(GATEWAYS).inNamespace("oam").withName("dns").get();
        Map<String, Object> status = (Map<String, Object>) gw.getAdditionalProperties().get("status");
        Map<String, Object> ready = ((List<Map<String, Object>>) status.get("conditions")).get(0);
        assertEquals("False", ready.get("status"));
        assertEquals("second", ready.get("message"));
    }

    @Test
    void warningEvent_explainsWhyNot_onceForRepeats() {
        String uid = fabric8.services().inNamespace("traffic").resource(new ServiceBuilder().withNewMetadata()
                .withName("dns").endMetadata().withNewSpec().withType("LoadBalancer").endSpec().build()).create()
                .getMetadata().getUid();
        for (int i = 0; i < 2; i++) {
            writer.warning("v1", "Service", "traffic", "dns", "VipPoolExhausted",
                    "VIP pool [10.10.16.224/29] is exhausted: all 6 usable addresses are allocated");
        }
        writer.warning("v1", "Service", "traffic", "gone", "VipPoolExhausted", "no object: no Event");
        var events = fabric8.v1().events().inNamespace("traffic").list().getItems();
        assertEquals(1, events.size());
        assertEquals(2, events.get(0).getCount());
        assertEquals(uid, events.get(0).getInvolvedObject().getUid());
        assertEquals("VipPoolExhausted", events.get(0).getReason());
        assertEquals("dns", events.get(0).getInvolvedObject().getName());
        assertEquals("Warning", events.get(0).getType());
    }
}
