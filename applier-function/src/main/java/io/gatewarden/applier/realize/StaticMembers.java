package io.gatewarden.applier.realize;

import io.gatewarden.applier.lbclient.VirtualService.Member;
import java.util.List;

/**
 * Fixed member addresses for every Service, at the Service's port: for the local stack and demos, where no
 * Kubernetes cluster is there to ask. Never for production (the addresses are configuration, not the cluster).
 */
public final class StaticMembers implements MemberSource {

    private final List<String> addresses;

    public StaticMembers(List<String> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    @Override
    public List<Member> members(String namespace, String service, Integer port, String portName, String protocol) {
        return port == null ? List.of() : addresses.stream().map(a -> new Member(a, port)).toList();
    }
}
