package io.gatewarden.applier.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.applier.cluster.InMemoryCluster;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of the fault campaign ({@link FaultCampaignIT}): which kinds it changes, the classes and settings
 * they use, and the manifest an operation writes. Names collide across namespaces on purpose ({@code a}/{@code b-c}
 * and {@code a-b}/{@code c} both make {@code a-b-c}).
 */
final class CampaignObjects {

    static final String CLUSTER = "camp";
    static final List<String> NAMESPACES = List.of("a", "a-b", "b");
    static final List<String> NAMES = List.of("b-c", "c", "web");
    static final List<String> HOSTS = List.of("h1.example", "h2.example", "h3.example", "h4.example");
    /** The Gateway API v1 Gateways' class: LoxiLB's, with this pool. */
    static final String LOXILB_POOL = "10.72.0.0/24";

    static final String GATEWAY_V1 = "Gateway.gateway.networking.k8s.io";
    static final String GATEWAY_V1ALPHA1 = "Gateway.networking.x-k8s.io";
    /** Every kind the campaign writes or reads back, as owner keys name them. */
    static final List<String> KINDS = List.of("Service", "Ingress.networking.k8s.io", "IngressClass.networking.k8s.io",
            "AviInfraSetting.ako.vmware.com", GATEWAY_V1ALPHA1, "GatewayClass.networking.x-k8s.io", GATEWAY_V1,
            "GatewayClass.gateway.networking.k8s.io", "TCPRoute.gateway.networking.k8s.io",
            "UDPRoute.gateway.networking.k8s.io");

    private CampaignObjects() {
    }

    /** The kind an operation draws from {@code 0..27}: L4 Services most often, then Ingresses, Gateways, routes. */
    static String kindOf(int draw) {
        return draw < 8 ? "Service" : draw < 14 ? "Ingress" : draw < 18 ? "Gateway" : draw < 22 ? "GatewayV1"
                : draw < 26 ? "TCPRoute" : "UDPRoute";
    }

    /** Every object the cluster holds, of every kind the applier reads. */
    static List<KubernetesObject> live(InMemoryCluster kube) {
        List<KubernetesObject> live = new ArrayList<>();
        KINDS.forEach(k -> live.addAll(kube.list(k, null)));
        return live;
    }

    /** Before the faults: the classes and the setting every Ingress and Gateway uses. */
    static List<JsonNode> setting() {
        return List.of(read("""
                {"apiVersion":"ako.vmware.com/v1beta1","kind":"AviInfraSetting","metadata":{"name":"seg"},
                 "spec":{"network":{"vipNetworks":[{"networkName":"vip-c","cidr":"10.70.0.0/24"}]},
                 "l7Settings":{"shardSize":"SMALL"}}}"""), read("""
                {"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"avi"},
                 "spec":{"controller":"ako.vmware.com/avi-lb","parameters":{"apiGroup":"ako.vmware.com",
                 "kind":"AviInfraSetting","name":"seg"}}}"""), read("""
                {"apiVersion":"networking.x-k8s.io/v1alpha1","kind":"GatewayClass","metadata":{"name":"avi"},
                 "spec":{"controller":"ako.vmware.com/avi-lb","parametersRef":{"group":"ako.vmware.com",
                 "kind":"AviInfraSetting","name":"seg"}}}"""), read("""
                {"apiVersion":"gateway.networking.k8s.io/v1","kind":"GatewayClass","metadata":{"name":"loxilb"},
                 "spec":{"controllerName":"loxilb.io/loxilb"}}"""));
    }

    /**
     * The object an operation writes; the variant picks the Service's port, the Ingress's host, the v1 Gateway's
     * TCP port, or the Gateway a route attaches to (in the route's namespace).
     */
    static JsonNode object(String kind, String namespace, String name, int variant) {
        return switch (kind) {
            case "Gateway" -> read("""
                    {"apiVersion":"networking.x-k8s.io/v1alpha1","kind":"Gateway",
                     "metadata":{"name":"%1$s","namespace":"%2$s"},"spec":{"gatewayClassName":"avi",
                     "listeners":[{"protocol":"TCP","port":%3$d,"routes":{"selector":{"matchLabels":
                     {"ako.vmware.com/gateway-name":"%1$s","ako.vmware.com/gateway-namespace":"%2$s"}},
                     "group":"v1","kind":"Service"}}]}}""".formatted(name, namespace, 53 + variant));
            case "GatewayV1" -> read("""
                    {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway",
                     "metadata":{"name":"%s","namespace":"%s"},"spec":{"gatewayClassName":"loxilb",
                     "listeners":[{"name":"tcp","protocol":"TCP","port":%d},{"name":"udp","protocol":"UDP","port":53}]}}"""
                    .formatted(name, namespace, 5000 + variant));
            case "TCPRoute", "UDPRoute" -> read("""
                    {"apiVersion":"gateway.networking.k8s.io/v1alpha2","kind":"%s",
                     "metadata":{"name":"%s","namespace":"%s"},"spec":{"parentRefs":[{"name":"%s","sectionName":"%s"}],
                     "rules":[{"backendRefs":[{"name":"app","port":7000}]}]}}"""
                    .formatted(kind, name, namespace, NAMES.get(variant % NAMES.size()),
                            kind.equals("TCPRoute") ? "tcp" : "udp"));
            case "Service" -> read("""
                    {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s","namespace":"%s"},
                     "spec":{"type":"LoadBalancer","ports":[{"protocol":"TCP","port":%d}]}}"""
                    .formatted(name, namespace, 8080 + variant));
            default -> read("""
                    {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"%s","namespace":"%s"},
                     "spec":{"ingressClassName":"avi","rules":[{"host":"%s","http":{"paths":[{"path":"/",
                     "pathType":"Prefix","backend":{"service":{"name":"app","port":{"number":80}}}}]}}]}}"""
                    .formatted(name, namespace, HOSTS.get((variant + name.length()) % HOSTS.size())));
        };
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
