package io.gatewarden.model.manifest;

import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.gateway.v1.HTTPRoute;
import io.gatewarden.model.gateway.v1.TCPRoute;
import io.gatewarden.model.gateway.v1.UDPRoute;
import io.gatewarden.model.k8s.EndpointSlice;
import io.gatewarden.model.k8s.Ingress;
import io.gatewarden.model.k8s.IngressClass;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.LegacyIngress;
import io.gatewarden.model.k8s.Namespace;
import io.gatewarden.model.k8s.Node;
import io.gatewarden.model.k8s.Service;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which record models which apiVersion + kind. To add a kind: write its record (with an {@code extra} map
 * for unknown fields) and register it here; the parser then checks its fields and types.
 */
public final class KindRegistry {

    /** Kinds that are cluster-scoped: metadata.namespace on them is ignored by the API server. */
    public static final Set<String> CLUSTER_SCOPED =
            Set.of("GatewayClass", "AviInfraSetting", "IngressClass", "Namespace", "Node");

    private static final Map<String, Class<? extends KubernetesObject>> TYPES = new HashMap<>();

    static {
        register("v1", "Service", Service.class);
        register("v1", "Namespace", Namespace.class);
        register("v1", "Node", Node.class);
        register("discovery.k8s.io/v1", "EndpointSlice", EndpointSlice.class);
        register("networking.k8s.io/v1", "Ingress", Ingress.class);
        register("networking.k8s.io/v1beta1", "Ingress", LegacyIngress.class);
        register("extensions/v1beta1", "Ingress", LegacyIngress.class);
        register("networking.k8s.io/v1", "IngressClass", IngressClass.class);
        register("networking.x-k8s.io/v1alpha1", "GatewayClass",
                io.gatewarden.model.gateway.v1alpha1.GatewayClass.class);
        register("networking.x-k8s.io/v1alpha1", "Gateway", io.gatewarden.model.gateway.v1alpha1.Gateway.class);
        for (String v : new String[] {"v1", "v1beta1"}) {
            register("gateway.networking.k8s.io/" + v, "GatewayClass", io.gatewarden.model.gateway.v1.GatewayClass.class);
            register("gateway.networking.k8s.io/" + v, "Gateway", io.gatewarden.model.gateway.v1.Gateway.class);
            register("gateway.networking.k8s.io/" + v, "HTTPRoute", HTTPRoute.class);
        }
        // Standard since Gateway API v1.6.0 at v1; kube-loxilb still watches v1alpha2 (experimental channel).
        for (String v : new String[] {"v1", "v1alpha2"}) {
            register("gateway.networking.k8s.io/" + v, "TCPRoute", TCPRoute.class);
            register("gateway.networking.k8s.io/" + v, "UDPRoute", UDPRoute.class);
        }
        register("ako.vmware.com/v1alpha1", "AviInfraSetting", AviInfraSetting.class);
        register("ako.vmware.com/v1beta1", "AviInfraSetting", AviInfraSetting.class);
    }

    private KindRegistry() {
    }

    private static void register(String apiVersion, String kind, Class<? extends KubernetesObject> type) {
        TYPES.put(apiVersion + "|" + kind, type);
    }

    /** Every registered apiVersion + kind and its record. */
    public record Entry(String apiVersion, String kind, Class<? extends KubernetesObject> type) {
    }

    public static java.util.List<Entry> entries() {
        return TYPES.entrySet().stream().map(e -> {
            String[] k = e.getKey().split("\\|");
            return new Entry(k[0], k[1], e.getValue());
        }).sorted(java.util.Comparator.comparing(Entry::apiVersion).thenComparing(Entry::kind)).toList();
    }

    /** The record for this apiVersion and kind, or empty for kinds Gatewarden does not model. */
    public static Optional<Class<? extends KubernetesObject>> typeOf(String apiVersion, String kind) {
        return Optional.ofNullable(TYPES.get(apiVersion + "|" + kind));
    }

    /** The API group of an apiVersion ("" for the core group). */
    public static String group(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The version part of an apiVersion. */
    public static String version(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }
}
