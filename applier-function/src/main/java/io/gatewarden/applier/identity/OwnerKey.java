package io.gatewarden.applier.identity;

/**
 * Who holds an address: one object of one cluster, or a shard / dedicated host of an infra setting
 * (kind {@code Shard} / {@code Host}). Keyed by cluster, so one table serves many clusters.
 */
public record OwnerKey(String cluster, String kind, String namespace, String name) {

    public static OwnerKey shard(String cluster, String infraSetting, int shard) {
        return new OwnerKey(cluster, "Shard", infraSetting, String.valueOf(shard));
    }

    public static OwnerKey host(String cluster, String infraSetting, String host) {
        return new OwnerKey(cluster, "Host", infraSetting, host);
    }

    /** {@code cluster/kind/namespace/name}, namespace empty for cluster-scoped kinds. */
    public String id() {
        return cluster + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    public static OwnerKey parse(String id) {
        String[] p = id.split("/", 4);
        return new OwnerKey(p[0], p[1], p[2].isEmpty() ? null : p[2], p[3]);
    }
}
