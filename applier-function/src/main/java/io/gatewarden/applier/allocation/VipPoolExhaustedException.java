package io.gatewarden.applier.allocation;

import io.gatewarden.applier.ApplierException;

/** No free address in any of the object's pools: retryable, addresses free up on release. */
public class VipPoolExhaustedException extends ApplierException {

    private final String pools;
    private final long size;

    public VipPoolExhaustedException(String pools, long size) {
        super("VIP pool " + pools + " is exhausted: all " + size + " usable addresses are allocated");
        this.pools = pools;
        this.size = size;
    }

    public String pools() {
        return pools;
    }

    public long size() {
        return size;
    }
}
