package io.gatewarden.webhook.bench;

/**
 * Generates a valid manifest set of a given size for benchmarks: per unit of ten objects an AviInfraSetting,
 * a services-API GatewayClass and Gateway, three member Services, an IngressClass, an Ingress, a LoxiLB
 * Gateway and a TCPRoute — every cross-object lookup the rules make is exercised.
 */
public final class SyntheticManifests {

    public static final int OBJECTS_PER_UNIT = 10;

    private SyntheticManifests() {
    }

    public static String generate(int objects) {
        StringBuilder sb = new StringBuilder();
        sb.append("apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: loxilb}\n"
                + "spec: {controllerName: loxilb.io/loxilb}\n");
        for (int u = 0; u < objects / OBJECTS_PER_UNIT; u++) {
            String n = "u" + u;
            String ns = "ns" + (u % 50);
            String ip = "10." + (u / 4096 % 256) + "." + (u / 16 % 256) + "." + (u % 16 * 16);
            sb.append("---\napiVersion: ako.vmware.com/v1beta1\nkind: AviInfraSetting\nmetadata: {name: ").append(n)
                    .append("}\nspec:\n  seGroup: {name: se}\n  network:\n    vipNetworks: [{networkName: vip, cidr: ")
                    .append(ip).append("/28}]\n  l7Settings: {shardSize: SMALL}\n");
            sb.append("---\napiVersion: networking.x-k8s.io/v1alpha1\nkind: GatewayClass\nmetadata: {name: ").append(n)
                    .append("}\nspec:\n  controller: ako.vmware.com/avi-lb\n  parametersRef: {group: ako.vmware.com, "
                            + "kind: AviInfraSetting, name: ").append(n).append("}\n");
            sb.append("---\napiVersion: networking.x-k8s.io/v1alpha1\nkind: Gateway\nmetadata: {name: ").append(n)
                    .append(", namespace: ").append(ns).append("}\nspec:\n  gatewayClassName: ").append(n)
                    .append("\n  listeners:\n");
            for (String l : new String[] {"TCP 53", "UDP 53", "TCP 443"}) {
                String[] pp = l.split(" ");
                sb.append("  - protocol: ").append(pp[0]).append("\n    port: ").append(pp[1])
                        .append("\n    routes:\n      selector:\n        matchLabels: {ako.vmware.com/gateway-name: ")
                        .append(n).append(", ako.vmware.com/gateway-namespace: ").append(ns)
                        .append("}\n      group: v1\n      kind: Service\n");
            }
            for (String l : new String[] {"TCP 53", "UDP 53", "TCP 443"}) {
                String[] pp = l.split(" ");
                sb.append("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ").append(n).append('-')
                        .append(pp[0].toLowerCase()).append(pp[1]).append("\n  namespace: ").append(ns)
                        .append("\n  labels: {ako.vmware.com/gateway-name: ").append(n)
                        .append(", ako.vmware.com/gateway-namespace: ").append(ns).append("}\nspec:\n  ports: [{protocol: ")
                        .append(pp[0]).append(", port: ").append(pp[1]).append(", targetPort: 8053}]\n");
            }
            sb.append("---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: ").append(n)
                    .append("}\nspec:\n  controller: ako.vmware.com/avi-lb\n  parameters: {apiGroup: ako.vmware.com, "
                            + "kind: AviInfraSetting, name: ").append(n).append("}\n");
            sb.append("---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ").append(n)
                    .append(", namespace: ").append(ns).append("}\nspec:\n  ingressClassName: ").append(n)
                    .append("\n  rules:\n  - host: ").append(n).append(".example.com\n    http:\n      paths:\n"
                            + "      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n");
            sb.append("---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: lox-").append(n)
                    .append(", namespace: ").append(ns).append("}\nspec:\n  gatewayClassName: loxilb\n  listeners:\n"
                            + "  - {name: tcp, protocol: TCP, port: 21818, allowedRoutes: {kinds: [{kind: TCPRoute}]}}\n");
            sb.append("---\napiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata: {name: ")
                    .append(n).append(", namespace: ").append(ns).append("}\nspec:\n  parentRefs: [{name: lox-")
                    .append(n).append(", sectionName: tcp}]\n  rules: [{backendRefs: [{name: ").append(n)
                    .append("-backend, port: 80}]}]\n");
        }
        return sb.toString();
    }
}
