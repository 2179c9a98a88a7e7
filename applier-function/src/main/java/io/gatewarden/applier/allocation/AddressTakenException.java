package io.gatewarden.applier.allocation;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.ApplierException;

/** A static address is held by another owner: the object stays pending until that owner releases it. */
public class AddressTakenException extends ApplierException {

    public AddressTakenException(String address, String pool, OwnerKey holder) {
        super("static address " + address + " of pool " + pool + " is already held by " + holder.id());
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
