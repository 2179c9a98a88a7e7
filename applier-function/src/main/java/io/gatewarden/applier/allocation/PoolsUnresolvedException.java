package io.gatewarden.applier.allocation;

import io.gatewarden.applier.ApplierException;

/** The object's VIP network cannot be determined yet (its class or infra setting is unknown or lists none). */
public class PoolsUnresolvedException extends ApplierException {

    public PoolsUnresolvedException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
