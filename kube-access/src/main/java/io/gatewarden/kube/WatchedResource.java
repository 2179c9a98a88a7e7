package io.gatewarden.kube;

import java.util.List;

/**
 * A Kubernetes resource the rules need to see, with its REST coordinates. Listed in preference order: where
 * two versions of one kind are served (AviInfraSetting v1beta1 / v1alpha1), the first served one is read.
 *
 * @param group      API group, "" for core
 * @param version    version
 * @param plural     REST resource name
 * @param kind       kind of its items
 * @param namespaced true when namespaced
 */
public record WatchedResource(String group, String version, String plural, String kind, boolean namespaced) {

    public static final List<WatchedResource> ALL = List.of(
            new WatchedResource("", "v1", "namespaces", "Namespace", false),
            new WatchedResource("", "v1", "services", "Service", true),
            new WatchedResource("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false),
            new WatchedResource("networking.k8s.io", "v1", "ingresses", "Ingress", true),
            new WatchedResource("networking.x-k8s.io", "v1alpha1", "gatewayclasses", "GatewayClass", false),
            new WatchedResource("networking.x-k8s.io", "v1alpha1", "gateways", "Gateway", true),
            new WatchedResource("gateway.networking.k8s.io", "v1", "gatewayclasses", "GatewayClass", false),
            new WatchedResource("gateway.networking.k8s.io", "v1", "gateways", "Gateway", true),
            new WatchedResource("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute", true),
            new WatchedResource("gateway.networking.k8s.io", "v1", "tcproutes", "TCPRoute", true),
            new WatchedResource("gateway.networking.k8s.io", "v1alpha2", "tcproutes", "TCPRoute", true),
            new WatchedResource("gateway.networking.k8s.io", "v1", "udproutes", "UDPRoute", true),
            new WatchedResource("gateway.networking.k8s.io", "v1alpha2", "udproutes", "UDPRoute", true),
            new WatchedResource("ako.vmware.com", "v1beta1", "aviinfrasettings", "AviInfraSetting", false),
            new WatchedResource("ako.vmware.com", "v1alpha1", "aviinfrasettings", "AviInfraSetting", false));

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** Another version of the same kind was already read: skip this one. */
    public boolean sameKindAs(WatchedResource other) {
        return group.equals(other.group) && plural.equals(other.plural);
    }
}
