package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.addresses.VipPool;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where allocations live. Every method is one conditional request or one transaction, so concurrent appliers
 * never give one address two owners, and no method scans a pool.
 */
public interface AllocationStore {

    /** The owner's current address, if any. */
    Optional<Lease> lease(OwnerKey owner);

    /** Takes the next never-used index of the pool (0-based), or empty when the cursor reached the end. */
    OptionalLong advanceCursor(VipPool pool);

    /** One released address of the pool, if any (a single query with limit 1). */
    Optional<String> anyFree(VipPool pool);

    /** Claims {@code address} for {@code owner}; {@code fromFreeList} also consumes its free-list entry. */
    ClaimResult claim(VipPool pool, String address, OwnerKey owner, boolean fromFreeList);

    /** Who holds the address, if anybody. */
    Optional<OwnerKey> ownerOf(VipPool pool, String address);

    /** Puts an address on the free list (a cursor slot that was taken but not used). */
    void addFree(VipPool pool, String address);

    /** Removes a free-list entry that turned out stale. */
    void dropFree(VipPool pool, String address);

    /** Gives the owner's address back to its pool's free list. No-op when the owner holds nothing. */
    void release(OwnerKey owner);

    /**
     * Moves the owner to {@code address} while it keeps holding {@code from} (recorded as {@code movedFrom}): the
     * load balancer still serves the old address until it is re-pointed, and only then is the old one freed
     * ({@link #finishMove}). One transaction: the new address is the owner's, or nothing changed.
     */
    ClaimResult move(VipPool pool, String address, OwnerKey owner, Lease from);

    /** The address a move left the owner holding beside its current one, if any. */
    Optional<Lease> movedFrom(OwnerKey owner);

    /** Frees the address a move left behind, once nothing uses it any more. No-op when there is none. */
    void finishMove(OwnerKey owner);

    /**
     * Puts back on the free list every address below the pool's cursor that has neither an owner nor a free-list
     * entry: a slot taken by a cursor advance whose claim never happened (the handler died in between, or its
     * transaction was cancelled). An in-flight claim racing this is harmless: a claim consumes the entry it finds.
     *
     * @return how many were returned
     */
    int returnStranded(VipPool pool);
}
