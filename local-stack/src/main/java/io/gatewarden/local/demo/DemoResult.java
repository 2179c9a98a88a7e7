package io.gatewarden.local.demo;

import java.util.List;

/**
 * What a demo run saw.
 *
 * @param sent       objects sent through the webhook
 * @param supporting admitted objects that hold no VIP themselves (namespaces, classes, settings, members, routes)
 * @param rows       admitted objects that get a VIP: Gateways, LoadBalancer Services, Ingresses
 * @param refused    objects the webhook refused, with its message
 * @param complete   whether the applier finished every row before the timeout
 * @param latencies  admission-to-VIP per row, in milliseconds (rows that got one)
 */
public record DemoResult(int sent, int supporting, List<Row> rows, List<Refusal> refused, boolean complete,
        List<Long> latencies) {

    /** One object that gets a VIP, as the applier left it and the load balancer holds it. */
    public record Row(String kind, String namespace, String name, String injected, String status, String reason,
            String vip, String shard, List<String> loadBalancer) {

        public String object() {
            return kind + " " + namespace + "/" + name;
        }
    }

    /** One refused object and why. */
    public record Refusal(String kind, String namespace, String name, String message) {
    }

    public Row row(String kind, String namespace, String name) {
        return rows.stream().filter(r -> r.kind().equals(kind) && r.namespace().equals(namespace)
                && r.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "no row for " + kind + " " + namespace + "/" + name));
    }

    /** The latency at percentile {@code p} (nearest rank), or -1 without any. */
    public long percentile(double p) {
        if (latencies.isEmpty()) {
            return -1;
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
