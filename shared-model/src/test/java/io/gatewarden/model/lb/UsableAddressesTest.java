package io.gatewarden.model.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsableAddressesTest {

    @ParameterizedTest(name = "{0}: {1} usable from {2}")
    @CsvSource({
            "10.0.0.0/24, 254, 10.0.0.1",
            "10.0.0.0/30, 2, 10.0.0.1",
            "10.0.0.0/31, 2, 10.0.0.0",
            "10.0.0.7/32, 1, 10.0.0.7",
            "fd00::/120, 255, fd00::1",
            "fd00::/126, 3, fd00::1",
            "fd00::/127, 2, fd00::",
            "fd00::5/128, 1, fd00::5",
    })
    void theWebhookAndTheApplierCountTheseAddresses(String cidr, String count, String first) {
        IPAddress block = new IPAddressString(cidr).getAddress().toPrefixBlock();
        assertEquals(new BigInteger(count), UsableAddresses.count(block));
        assertEquals(new IPAddressString(first).getAddress().getValue(), UsableAddresses.first(block));
    }
}
