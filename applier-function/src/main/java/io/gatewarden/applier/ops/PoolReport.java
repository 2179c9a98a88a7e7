package io.gatewarden.applier.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.model.manifest.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How full each VIP pool is and how Ingresses spread over each infra setting's shards, computed from the table's
 * items ({@code POOL#}, {@code LINKS#}); a pure function of them, so it is tested without a table.
 *
 * @param pools    one row per pool the applier has allocated from
 * @param settings one row per infra setting with shard or dedicated virtual services
 */
public record PoolReport(List<Pool> pools, List<ShardSetting> settings) {

    /** Pools at or above this share of their addresses are marked. */
    public static final int WARN_PERCENT = 80;
    /** Table key prefixes the report reads. */
    public static final List<String> PREFIXES = List.of("POOL#", "LINKS#");
    private static final int BAR = 20;
    private static final int TOP_OWNERS = 3;

    /** A pool (its CIDR); {@code size} is 0 until the first allocation records it. */
    public record Pool(String cidr, long size, long inUse, long free, List<OwnerCount> topOwners) {

        public int percent() {
            return size == 0 ? 0 : (int) Math.round(100.0 * inUse / size);
        }

        public boolean nearlyFull() {
            return size > 0 && inUse * 100 >= WARN_PERCENT * size;
        }
    }

    /** Addresses held by one owner group: {@code cluster/namespace} of objects, {@code cluster/setting} of shards. */
    public record OwnerCount(String owner, long addresses) {
    }

    /** Ingresses per shard virtual service (shard number, or the host of a dedicated one). */
    public record ShardSetting(String cluster, String setting, Map<String, Integer> ingressesPerVirtualService) {
    }

    public static PoolReport of(List<Map<String, AttributeValue>> items) {
        Map<String, long[]> counts = new TreeMap<>(); // cidr -> size, inUse, free
        Map<String, Map<String, Long>> owners = new TreeMap<>();
        Map<String, Map<String, Integer>> shards = new TreeMap<>();
        for (Map<String, AttributeValue> item : items) {
            String pk = item.get("pk").s();
            String sk = item.get("sk").s();
            if (pk.startsWith("POOL#")) {
                String cidr = pk.substring("POOL#".length());
                long[] c = counts.computeIfAbsent(cidr, k -> new long[3]);
                if (sk.equals("META") && item.containsKey("size")) {
                    c[0] = Long.parseLong(item.get("size").n());
                } else if (sk.startsWith("ADDR#")) {
                    c[1]++;
                    owners.computeIfAbsent(cidr, k -> new TreeMap<>()).merge(group(item.get("owner")), 1L, Long::sum);
                } else if (sk.startsWith("FREE#")) {
                    c[2]++;
                }
            } else if (pk.startsWith("LINKS#") && sk.startsWith("CHILD#")) {
                OwnerKey parent = OwnerKey.parse(pk.substring("LINKS#".length()));
                if (parent.kind().equals("Shard") || parent.kind().equals("Host")) {
                    String vs = parent.kind().equals("Shard") ? "shard " + parent.name() : "dedicated " + parent.name();
                    shards.computeIfAbsent(parent.cluster() + "\u0000" + parent.namespace(), k -> new TreeMap<>())
                            .merge(vs, 1, Integer::sum);
                }
            }
        }
        List<Pool> pools = new ArrayList<>();
        counts.forEach((cidr, c) -> pools.add(new Pool(cidr, c[0], c[1], c[2], top(owners.get(cidr)))));
        List<ShardSetting> settings = new ArrayList<>();
        shards.forEach((k, v) -> {
            String[] parts = k.split("\u0000", 2);
            settings.add(new ShardSetting(parts[0], parts[1], v));
        });
        return new PoolReport(pools, settings);
    }

    private static String group(AttributeValue owner) {
        if (owner == null || owner.s() == null) {
            return "(unknown)";
        }
        OwnerKey o = OwnerKey.parse(owner.s());
        return o.cluster() + "/" + (o.namespace() == null ? o.kind() : o.namespace())
                + (o.kind().equals("Shard") || o.kind().equals("Host") ? " (L7)" : "");
    }

    private static List<OwnerCount> top(Map<String, Long> byOwner) {
        if (byOwner == null) {
            return List.of();
        }
        return byOwner.entrySet().stream().map(e -> new OwnerCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(OwnerCount::addresses).reversed().thenComparing(OwnerCount::owner))
                .limit(TOP_OWNERS).toList();
    }

    /** The operator's table: a bar per pool (marked at 80 %), then the Ingresses per shard virtual service. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-22s %-24s %9s  %s%n", "POOL", "USE", "ADDRESSES", "TOP OWNERS"));
        for (Pool p : pools) {
            int filled = p.size() == 0 ? 0 : (int) Math.min(BAR, Math.round((double) BAR * p.inUse() / p.size()));
            String bar = "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
            String use = String.format("%s %3d%%%s", bar, p.percent(), p.nearlyFull() ? " !" : "");
            String owners = String.join(", ", p.topOwners().stream().map(o -> o.owner() + " " + o.addresses()).toList());
            sb.append(String.format("%-22s %-24s %4d/%-4s  %s%n", p.cidr(), use, p.inUse(),
                    p.size() == 0 ? "?" : String.valueOf(p.size()), owners));
        }
        if (pools.stream().anyMatch(Pool::nearlyFull)) {
            sb.append("! pool at or above ").append(WARN_PERCENT).append(" % of its addresses\n");
        }
        if (!settings.isEmpty()) {
            sb.append(String.format("%n%-10s %-16s %s%n", "CLUSTER", "INFRA SETTING", "INGRESSES PER VIRTUAL SERVICE"));
            for (ShardSetting s : settings) {
                sb.append(String.format("%-10s %-16s %s%n", s.cluster(), s.setting(), String.join(", ",
                        s.ingressesPerVirtualService().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                                .toList())));
            }
        }
        return sb.toString();
    }

    public ObjectNode json() {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode ps = root.putArray("pools");
        for (Pool p : pools) {
            ObjectNode n = ps.addObject().put("cidr", p.cidr()).put("size", p.size()).put("inUse", p.inUse())
                    .put("free", p.free()).put("percent", p.percent()).put("nearlyFull", p.nearlyFull());
            ArrayNode top = n.putArray("topOwners");
            p.topOwners().forEach(o -> top.addObject().put("owner", o.owner()).put("addresses", o.addresses()));
        }
        ArrayNode ss = root.putArray("shardSettings");
        for (ShardSetting s : settings) {
            ObjectNode n = ss.addObject().put("cluster", s.cluster()).put("setting", s.setting());
            ObjectNode per = n.putObject("ingressesPerVirtualService");
            s.ingressesPerVirtualService().forEach(per::put);
        }
        return root;
    }
}
