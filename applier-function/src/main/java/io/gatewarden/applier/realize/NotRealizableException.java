package io.gatewarden.applier.realize;

import io.gatewarden.applier.ApplierException;

/** The object cannot be realized as it is (a name too long, a bad cluster name): retrying would not help. */
public class NotRealizableException extends ApplierException {

    public NotRealizableException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
