package io.gatewarden.applier.store;

/**
 * A lease was lost while held (its renewal found another holder, or could not confirm it before it expired): the
 * work stops before its next controller write and the message is retried.
 */
public class LeaseLostException extends StoreConflictException {

    public LeaseLostException(String message) {
        super(message, null);
    }
}
