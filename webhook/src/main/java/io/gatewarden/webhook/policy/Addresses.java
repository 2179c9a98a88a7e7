package io.gatewarden.webhook.policy;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.HostName;
import java.util.Optional;

/** Address and CIDR math, all through the ipaddress library. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * Only the canonical textual forms the API server's {@code isIP} accepts: four decimal octets without leading
     * zeros for IPv4 (not inet_aton's {@code 1.1.1} or {@code 10.1}), standard IPv6; no prefix, mask, range or
     * wildcard.
     */
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowPrefix(false).allowMask(false)
            .allowWildcardedSeparator(false).allow_inet_aton(false)
            .setRangeOptions(AddressStringParameters.RangeParameters.NO_RANGE)
            .getIPv4AddressParametersBuilder().allowLeadingZeros(false).getParentBuilder()
            .toParams();

    /** A single address without prefix or port, written as the API server accepts it, or empty. */
    public static Optional<IPAddress> parseAddress(String text) {
        if (text == null) {
            return Optional.empty();
        }
        IPAddressString s = new IPAddressString(text.trim(), STRICT);
        IPAddress a = s.getAddress();
        if (a == null || a.isPrefixed() || !s.isIPAddress()) {
            return Optional.empty();
        }
        return Optional.of(a);
    }

    /** Why {@code text} is not a network CIDR (e.g. host bits set), or empty when it is one. */
    public static Optional<String> cidrProblem(String text, boolean ipv6) {
        try {
            IPAddress a = new IPAddressString(text.trim()).toAddress();
            if (!a.isPrefixed()) {
                return Optional.of("must be a CIDR with a prefix length, e.g. " + (ipv6 ? "2001:db8::/120" : "10.10.16.0/24"));
            }
            if (ipv6 != a.isIPv6()) {
                return Optional.of("must be an " + (ipv6 ? "IPv6" : "IPv4") + " CIDR");
            }
            if (!a.isPrefixBlock()) {
                return Optional.of("host bits are set; the network is " + a.toPrefixBlock().toCanonicalString());
            }
            return Optional.empty();
        } catch (AddressStringException e) {
            return Optional.of("is not a CIDR: " + e.getMessage());
        }
    }

    public static Optional<IPAddress> parseCidr(String text) {
        if (text == null) {
            return Optional.empty();
        }
        IPAddress a = new IPAddressString(text.trim()).getAddress();
        return a == null || !a.isPrefixed() ? Optional.empty() : Optional.of(a.toPrefixBlock());
    }

    /** True when {@code text} is a valid DNS hostname (not an IP address). */
    public static boolean isHostname(String text) {
        if (text == null || text.isEmpty() || text.length() > 253) {
            return false;
        }
        HostName h = new HostName(text);
        return h.isValid() && !h.isAddress() && text.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    }
}
