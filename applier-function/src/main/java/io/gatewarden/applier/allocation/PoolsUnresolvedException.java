package io.gatewarden.applier.allocation;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.ApplierException;

/** The object's VIP network cannot be determined yet (its class or infra setting is unknown or lists none). */
public class PoolsUnresolvedException extends ApplierException {

    private final transient OwnerKey missing;

    public PoolsUnresolvedException(String message) {
        this(message, null);
    }

    /** The object is waiting for {@code missing} (a class or infra setting the applier has not recorded yet). */
    public PoolsUnresolvedException(String message, OwnerKey missing) {
        super(message);
        this.missing = missing;
    }

    /** What the object waits for, or null when recording something would not help (no pool configured). */
    public OwnerKey missing() {
        return missing;
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
