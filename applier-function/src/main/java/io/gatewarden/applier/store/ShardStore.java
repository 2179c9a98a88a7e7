package io.gatewarden.applier.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where Ingress hosts sit among an infra setting's shards. A placement, once made, stays until moved. */
public interface ShardStore {

    /** A host's placement. */
    record Placement(String host, int shard) {
    }

    Optional<Integer> shardOf(String cluster, String setting, String host);

    /** Places the host on {@code shard} unless it is placed already; returns where it is. */
    int placeIfAbsent(String cluster, String setting, String host, int shard);

    /** Hosts per shard. */
    Map<Integer, Integer> loads(String cluster, String setting);

    List<Placement> placements(String cluster, String setting);

    /** The hosts placed on one shard: what a build of that shard reads, whatever the setting's other shards hold. */
    List<Placement> placementsOn(String cluster, String setting, int shard);

    /** Moves a host between shards (only if it is still on {@code from}). */
    boolean move(String cluster, String setting, String host, int from, int to);
}
