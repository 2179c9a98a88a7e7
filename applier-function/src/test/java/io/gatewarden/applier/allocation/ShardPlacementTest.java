package io.gatewarden.applier.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The reference's test vectors for AKO's shard placement. */
class ShardPlacementTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "foo.com,         41ad0598, 0, 0",
        "bar.example.com, ff164199, 1, 1",
        "default,         933b5bde, 6, 2"})
    void placement_equalsAkos(String host, String hash, int of8, int of4) {
        assertEquals(Integer.parseUnsignedInt(hash, 16), ShardPlacement.fnv1a32(host));
        assertEquals(of8, ShardPlacement.shardOf(host, 8));
        assertEquals(of4, ShardPlacement.shardOf(host, 4));
        assertEquals(0, ShardPlacement.shardOf(host, 1));
    }

    @Test
    void shardCount_mustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> ShardPlacement.shardOf("foo.com", 6));
    }
}
