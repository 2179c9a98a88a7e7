package io.gatewarden.applier.realize;

/**
 * The load-balancer name an object would get is held by another object (AKO's naming joins namespace and name
 * with a dash, so different objects can share one). Nothing is written; the object is refused with the holder
 * named, not retried.
 */
public class NameCollisionException extends NotRealizableException {

    public NameCollisionException(String message) {
        super(message);
    }
}
