package io.gatewarden.applier.allocation;

import java.nio.charset.StandardCharsets;

/**
 * AKO's hostname sharding: {@code shard = FNV-1a-32(host) & (n - 1)} (reference section 3). Kept identical to
 * AKO so that a host lands on the same shared virtual service whichever of the two placed it. FNV-1a is a
 * four-line function with published test vectors; no library is worth a dependency for it.
 */
public final class ShardPlacement {

    private static final int OFFSET_BASIS = 0x811c9dc5;
    private static final int PRIME = 0x01000193;

    private ShardPlacement() {
    }

    /** 32-bit FNV-1a of the UTF-8 bytes of {@code key}. */
    public static int fnv1a32(String key) {
        int hash = OFFSET_BASIS;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }

    /** Shard of {@code host} among {@code shards} (a power of two: 1, 4 or 8 for SMALL, MEDIUM, LARGE). */
    public static int shardOf(String host, int shards) {
        if (shards < 1 || Integer.bitCount(shards) != 1) {
            throw new IllegalArgumentException("shard count must be a power of two, got " + shards);
        }
        return fnv1a32(host) & (shards - 1);
    }
}
