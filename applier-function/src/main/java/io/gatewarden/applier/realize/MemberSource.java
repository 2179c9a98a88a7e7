package io.gatewarden.applier.realize;

import io.gatewarden.applier.lbclient.VirtualService.Member;
import java.util.List;

/** Where a Service port's traffic goes: the pool members the load balancer sends it to. */
public interface MemberSource {

    /**
     * Members for one port of a Service.
     *
     * @param port     the Service port's number, or null when only its name is known
     * @param portName the Service port's name, or null
     * @param protocol TCP, UDP or SCTP
     * @return the members; empty when the Service or its endpoints do not exist (yet)
     */
    List<Member> members(String namespace, String service, Integer port, String portName, String protocol);
}
