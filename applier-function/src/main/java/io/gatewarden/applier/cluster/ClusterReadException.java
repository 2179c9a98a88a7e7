package io.gatewarden.applier.cluster;

import io.gatewarden.applier.ApplierException;

/**
 * The Kubernetes API answered neither with the object nor with 404: nothing is known, so nothing is allocated,
 * applied or released; the message is retried.
 */
public class ClusterReadException extends ApplierException {

    public ClusterReadException(String message) {
        super(message);
    }
}
