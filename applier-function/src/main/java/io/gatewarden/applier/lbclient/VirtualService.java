package io.gatewarden.applier.lbclient;

import java.util.List;

/**
 * What the load balancer should serve for one object: one VIP, and per (protocol, port) listener its pool
 * members. TCP and UDP on one port are two listeners of the same VIP.
 *
 * @param name      load-balancer-side name (AKO-compatible: {@code <cluster>--<namespace>-<name>})
 * @param vip       the address
 * @param listeners the listeners
 */
public record VirtualService(String name, String vip, List<Listener> listeners) {

    /** One protocol/port and where it sends traffic. */
    public record Listener(String protocol, int port, List<Member> members) {
    }

    /** A pool member: a node address and nodePort, or an endpoint address and target port. */
    public record Member(String address, int port) {
    }
}
