package io.gatewarden.applier.allocation;

import io.gatewarden.applier.ApplierException;

/** A static address lies in none of the object's pools: pending until the address or the pools change. */
public class AddressOutsidePoolsException extends ApplierException {

    public AddressOutsidePoolsException(String address, String pools) {
        super("static address " + address + " is outside the VIP pools " + pools);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
