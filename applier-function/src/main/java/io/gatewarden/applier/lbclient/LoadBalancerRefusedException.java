package io.gatewarden.applier.lbclient;

import io.gatewarden.applier.ApplierException;

/** The controller refused the request (4xx other than the handled ones): not retryable, shown on the object. */
public class LoadBalancerRefusedException extends ApplierException {

    public LoadBalancerRefusedException(String message) {
        super(message);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
