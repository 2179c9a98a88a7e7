package io.gatewarden.applier.store;

import io.gatewarden.applier.ApplierException;

/** A DynamoDB transaction was cancelled for a reason other than our own conditions (throttling, a race): retry. */
public class StoreConflictException extends ApplierException {

    public StoreConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
