package io.gatewarden.applier.handler;

import io.gatewarden.applier.ApplierException;

/** A message that is not a readable ChangeEvent: retrying cannot help; it ends in the dead-letter queue. */
public class MalformedEventException extends ApplierException {

    public MalformedEventException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
