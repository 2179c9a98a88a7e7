package io.gatewarden.applier.store;

/** An address held by an owner, from a pool. */
public record Lease(String pool, String address) {
}
