package io.gatewarden.model.lb;

import inet.ipaddr.IPAddress;
import java.math.BigInteger;

/**
 * Which addresses of a VIP network a load balancer may hand out, the one rule the webhook's capacity check and the
 * applier's pools share: IPv4 leaves out the network and broadcast addresses (except in a /31 or /32), IPv6 leaves
 * out the subnet-router anycast address, the first (except in a /127 or /128). The usable ones are consecutive.
 */
public final class UsableAddresses {

    private UsableAddresses() {
    }

    /** How many addresses of the prefix block are usable. */
    public static BigInteger count(IPAddress block) {
        return block.getCount().subtract(BigInteger.valueOf(reserved(block)));
    }

    /** The value of the first usable address of the prefix block. */
    public static BigInteger first(IPAddress block) {
        return reserved(block) > 0 ? block.getValue().add(BigInteger.ONE) : block.getValue();
    }

    private static int reserved(IPAddress block) {
        Integer prefix = block.getNetworkPrefixLength();
        if (prefix == null) {
            return 0;
        }
        if (block.isIPv4()) {
            return prefix < 31 ? 2 : 0;
        }
        return prefix < 127 ? 1 : 0;
    }
}
