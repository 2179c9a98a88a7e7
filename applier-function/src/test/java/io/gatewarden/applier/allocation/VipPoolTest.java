package io.gatewarden.applier.allocation;

import io.gatewarden.applier.addresses.VipPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VipPoolTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "10.223.63.0/26, 10.223.63.0/26, 62, 10.223.63.1, 10.223.63.62",
        "10.10.16.224/29, 10.10.16.224/29, 6, 10.10.16.225, 10.10.16.230",
        "10.10.16.5/31, 10.10.16.4/31, 2, 10.10.16.4, 10.10.16.5",
        "192.0.2.7/32, 192.0.2.7/32, 1, 192.0.2.7, 192.0.2.7",
        "10.0.0.0/20, 10.0.0.0/20, 4094, 10.0.0.1, 10.0.15.254",
        "2001:db8::/120, 2001:db8::/120, 255, 2001:db8::1, 2001:db8::ff"})
    void usableAddresses_excludeNetworkAndBroadcast(String cidr, String id, long size, String first, String last) {
        VipPool pool = VipPool.of(cidr).orElseThrow();
        assertEquals(id, pool.id());
        assertEquals(size, pool.size());
        assertEquals(first, pool.addressAt(0));
        assertEquals(last, pool.addressAt(size - 1));
        assertTrue(pool.containsUsable(first));
        assertTrue(pool.containsUsable(last));
    }

    @Test
    void networkBroadcastAndForeignAddresses_areNotUsable() {
        VipPool pool = VipPool.of("10.10.16.224/29").orElseThrow();
        assertFalse(pool.containsUsable("10.10.16.224"));
        assertFalse(pool.containsUsable("10.10.16.231"));
        assertFalse(pool.containsUsable("10.10.17.225"));
        assertFalse(pool.containsUsable("2001:db8::1"));
        assertTrue(VipPool.of("not-a-cidr").isEmpty());
        assertTrue(VipPool.of("10.0.0.1").isEmpty());
    }
}
