package io.gatewarden.applier.addresses;

import io.gatewarden.model.lb.UsableAddresses;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.Optional;

/**
 * One CIDR's usable addresses ({@link UsableAddresses}: the webhook counts the same ones), numbered 0..size-1. The pool's identity is its
 * network, so clusters sharing a VIP network share (and never double-book) its addresses.
 */
public final class VipPool {

    private final IPAddress block;
    private final BigInteger first;
    private final long size;

    private VipPool(IPAddress block) {
        this.block = block;
        first = UsableAddresses.first(block);
        BigInteger count = UsableAddresses.count(block);
        // A pool bigger than 2^62 addresses is never filled; cap the counter's range.
        size = count.min(BigInteger.valueOf(Long.MAX_VALUE / 2)).longValueExact();
    }

    /** The pool of a CIDR, or empty when it is not a valid network CIDR. */
    public static Optional<VipPool> of(String cidr) {
        if (cidr == null) {
            return Optional.empty();
        }
        IPAddress a = new IPAddressString(cidr.trim()).getAddress();
        if (a == null || !a.isPrefixed()) {
            return Optional.empty();
        }
        return Optional.of(new VipPool(a.toPrefixBlock()));
    }

    /** Canonical CIDR, the pool's id. */
    public String id() {
        return block.toCanonicalString();
    }

    public long size() {
        return size;
    }

    /** The address with this index (0-based among usable addresses). */
    public String addressAt(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " outside " + id() + " (" + size + " usable)");
        }
        BigInteger value = first.add(BigInteger.valueOf(index));
        IPAddress a = block.isIPv4() ? new IPv4Address(value.intValue()) : new IPv6Address(value);
        return a.toCanonicalString();
    }

    /** True when {@code address} is one of this pool's usable addresses. */
    public boolean containsUsable(String address) {
        IPAddress a = new IPAddressString(address.trim()).getAddress();
        if (a == null || a.isPrefixed() || a.isIPv4() != block.isIPv4() || !block.contains(a)) {
            return false;
        }
        BigInteger v = a.getValue();
        return v.compareTo(first) >= 0 && v.compareTo(first.add(BigInteger.valueOf(size))) < 0;
    }
}
