package io.gatewarden.applier.lbclient;

import java.util.Optional;

/** One interface for every load-balancer controller API. Implementations are idempotent. */
public interface LoadBalancerClient {

    /** Creates or updates everything {@code desired} needs; listeners it no longer has are removed. */
    void apply(VirtualService desired);

    /** Removes everything of the virtual service; a missing one is not an error. */
    void delete(String name);

    /** What the load balancer holds for the name, read back. */
    Optional<VirtualService> read(String name);
}
