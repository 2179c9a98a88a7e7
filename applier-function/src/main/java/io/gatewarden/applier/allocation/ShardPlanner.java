package io.gatewarden.applier.allocation;

import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.store.ShardStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Places Ingress hosts on an infra setting's shards: AKO's hash rule by default, or least-loaded. A host keeps
 * its shard when the shard size changes; {@link #plan} shows the moves a new size implies and {@link #rebalance}
 * performs them, explicitly.
 */
public class ShardPlanner {


    /** A host that would move. */
    public record Move(String host, int from, int to) {
    }

    private final ShardStore store;
    private final ApplierConfiguration.Placement mode;

    public ShardPlanner(ShardStore store, ApplierConfiguration.Placement mode) {
        this.store = store;
        this.mode = mode;
    }

    /** The host's shard among {@code shards}, placing it when it has none. */
    public int place(String cluster, String setting, String host, int shards) {
        return store.shardOf(cluster, setting, host).orElseGet(() ->
                store.placeIfAbsent(cluster, setting, host, initialShard(cluster, setting, host, shards)));
    }

    private int initialShard(String cluster, String setting, String host, int shards) {
        if (mode == ApplierConfiguration.Placement.LEAST_LOADED) {
            Map<Integer, Integer> loads = store.loads(cluster, setting);
            int best = 0;
            for (int s = 1; s < shards; s++) {
                if (loads.getOrDefault(s, 0) < loads.getOrDefault(best, 0)) {
                    best = s;
                }
            }
            return best;
        }
        return ShardPlacement.shardOf(host, shards);
    }

    /** Moves that placing every host by AKO's rule for {@code shards} would make. */
    public List<Move> plan(String cluster, String setting, int shards) {
        List<Move> moves = new ArrayList<>();
        for (ShardStore.Placement p : store.placements(cluster, setting)) {
            int target = ShardPlacement.shardOf(p.host(), shards);
            if (target != p.shard()) {
                moves.add(new Move(p.host(), p.shard(), target));
            }
        }
        moves.sort(Comparator.comparing(Move::host));
        return moves;
    }

    /** Performs {@link #plan}; returns the moves made. */
    public List<Move> rebalance(String cluster, String setting, int shards) {
        List<Move> done = new ArrayList<>();
        for (Move m : plan(cluster, setting, shards)) {
            if (store.move(cluster, setting, m.host(), m.from(), m.to())) {
                done.add(m);
            }
        }
        return done;
    }
}
