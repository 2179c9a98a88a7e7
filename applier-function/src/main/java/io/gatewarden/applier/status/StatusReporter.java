package io.gatewarden.applier.status;

import java.util.List;

/** Where the applier tells users what it did; {@link #NONE} where no Kubernetes API is reachable (local stack). */
public interface StatusReporter {

    /** A Gateway or listener condition. */
    record GatewayCondition(String type, boolean status, String reason, String message) {
    }

    /**
     * One listener's status: v1 Gateways key it by {@code name} (with attached routes), v1alpha1 by port and
     * protocol.
     */
    record ListenerState(String name, Integer port, String protocol, Integer attachedRoutes,
            List<GatewayCondition> conditions) {
    }

    void serviceVip(String namespace, String name, String ip);

    /** An Ingress's {@code status.loadBalancer.ingress[].ip}: the VIPs of the shards its hosts sit on. */
    void ingressVips(String namespace, String name, List<String> ips);

    void gateway(String group, String version, String namespace, String name, String ip, long generation,
            List<GatewayCondition> conditions, List<ListenerState> listeners);

    void warning(String apiVersion, String kind, String namespace, String name, String reason, String message);

    StatusReporter NONE = new StatusReporter() {
        @Override
        public void serviceVip(String namespace, String name, String ip) {
        }

        @Override
        public void ingressVips(String namespace, String name, List<String> ips) {
        }

        @Override
        public void gateway(String group, String version, String namespace, String name, String ip, long generation,
                List<GatewayCondition> conditions, List<ListenerState> listeners) {
        }

        @Override
        public void warning(String apiVersion, String kind, String namespace, String name, String reason,
                String message) {
        }
    };
}
