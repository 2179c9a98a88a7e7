package io.gatewarden.applier.store;

/** Outcome of claiming one address for one owner in one transaction. */
public enum ClaimResult {
    /** The address is now the owner's. */
    CLAIMED,
    /** Somebody else holds the address. */
    ADDRESS_TAKEN,
    /** The released address was taken from the free list by somebody else first. */
    FREE_GONE,
    /** The owner got another address meanwhile (a concurrent delivery of the same event). */
    OWNER_HAS_OTHER
}
