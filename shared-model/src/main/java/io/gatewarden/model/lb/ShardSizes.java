package io.gatewarden.model.lb;

import java.util.Map;
import java.util.Optional;

/**
 * AKO's shard sizes ({@code AviInfraSetting.spec.l7Settings.shardSize}): how many shared L7 virtual services an
 * infra setting's Ingress hosts spread over. DEDICATED has no shared one: each host gets its own virtual service.
 * AKO's default is LARGE.
 */
public final class ShardSizes {

    public static final String DEDICATED = "DEDICATED";
    public static final String DEFAULT = "LARGE";

    /** Shared virtual services per size; DEDICATED's 1 is one per host. */
    private static final Map<String, Integer> SHARED = Map.of("SMALL", 1, "MEDIUM", 4, "LARGE", 8, DEDICATED, 1);

    private ShardSizes() {
    }

    /** Whether AKO knows the size. */
    public static boolean known(String size) {
        return SHARED.containsKey(size);
    }

    /** The shared virtual services of a size (for DEDICATED: 1, as the capacity rule counts it). */
    public static Optional<Integer> shards(String size) {
        return Optional.ofNullable(size == null ? null : SHARED.get(size));
    }
}
