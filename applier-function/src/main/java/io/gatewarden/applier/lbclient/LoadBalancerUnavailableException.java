package io.gatewarden.applier.lbclient;

import io.gatewarden.applier.ApplierException;

/** The controller kept failing (5xx, timeouts) after the retries: retryable, the message goes back to the queue. */
public class LoadBalancerUnavailableException extends ApplierException {

    public LoadBalancerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
