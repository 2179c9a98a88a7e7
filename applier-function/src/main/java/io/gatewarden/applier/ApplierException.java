package io.gatewarden.applier;

/** Root of the applier's exceptions (unchecked). Retryable ones make the message go back to the queue. */
public class ApplierException extends RuntimeException {

    public ApplierException(String message) {
        super(message);
    }

    public ApplierException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether trying the same message again later can succeed. */
    public boolean retryable() {
        return true;
    }
}
