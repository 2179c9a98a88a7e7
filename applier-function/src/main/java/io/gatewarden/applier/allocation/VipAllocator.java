package io.gatewarden.applier.allocation;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.addresses.VipPool;
import io.gatewarden.applier.store.AllocationStore;
import io.gatewarden.applier.store.ClaimResult;
import io.gatewarden.applier.store.Lease;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Gives an owner one address from its pools. Each pool hands out never-used addresses by an atomic cursor
 * (no scan, so the cost does not depend on how full the pool is) and, once the cursor reached the end, reuses
 * released addresses from a free list. Asking again returns the owner's address (idempotent).
 */
public class VipAllocator {

    private final AllocationStore store;

    public VipAllocator(AllocationStore store) {
        this.store = store;
    }

    /**
     * The owner's address, allocating one when it has none.
     *
     * @param requested a static address (Gateway spec.addresses, Service loadBalancerIP), or null
     * @throws AddressOutsidePoolsException a static address in none of the pools
     * @throws AddressTakenException        a static address held by another owner
     * @throws VipPoolExhaustedException    no free address in any pool (retryable)
     */
    public Lease allocate(OwnerKey owner, List<VipPool> pools, String requested) {
        Optional<Lease> existing = store.lease(owner);
        if (existing.isPresent()) {
            if (requested == null || requested.equals(existing.get().address())) {
                return existing.get();
            }
            return move(owner, pools, requested, existing.get());
        }
        if (requested != null) {
            return claimStatic(owner, pools, requested);
        }
        for (VipPool pool : pools) {
            Optional<Lease> lease = fromPool(owner, pool);
            if (lease.isPresent()) {
                return lease.get();
            }
        }
        throw new VipPoolExhaustedException(ids(pools), pools.stream().mapToLong(VipPool::size).sum());
    }

    /**
     * A static address changed: the owner claims the new one and keeps the old until the caller has re-pointed the
     * load balancer and calls {@link AllocationStore#finishMove}. A move left unfinished (a crash) is finished
     * first, by the next handling of the owner, which re-points before it frees.
     */
    private Lease move(OwnerKey owner, List<VipPool> pools, String address, Lease from) {
        VipPool pool = pools.stream().filter(p -> p.containsUsable(address)).findFirst()
                .orElseThrow(() -> new AddressOutsidePoolsException(address, ids(pools)));
        ClaimResult r = store.move(pool, address, owner, from);
        if (r == ClaimResult.CLAIMED) {
            return new Lease(pool.id(), address);
        }
        if (r == ClaimResult.OWNER_HAS_OTHER) {
            return store.lease(owner).orElseThrow(); // a move still open, or a concurrent delivery: as it stands
        }
        throw new AddressTakenException(address, pool.id(), store.ownerOf(pool, address).orElse(owner));
    }

    private Lease claimStatic(OwnerKey owner, List<VipPool> pools, String address) {
        VipPool pool = pools.stream().filter(p -> p.containsUsable(address)).findFirst()
                .orElseThrow(() -> new AddressOutsidePoolsException(address, ids(pools)));
        ClaimResult r = store.claim(pool, address, owner, false);
        if (r == ClaimResult.CLAIMED) {
            return new Lease(pool.id(), address);
        }
        Optional<OwnerKey> holder = store.ownerOf(pool, address);
        if (holder.isPresent() && holder.get().equals(owner)) {
            return new Lease(pool.id(), address);
        }
        if (r == ClaimResult.OWNER_HAS_OTHER) {
            return store.lease(owner).orElseThrow();
        }
        throw new AddressTakenException(address, pool.id(), holder.orElse(owner));
    }

    private Optional<Lease> fromPool(OwnerKey owner, VipPool pool) {
        while (true) {
            OptionalLong index = store.advanceCursor(pool);
            if (index.isPresent()) {
                String address = pool.addressAt(index.getAsLong());
                ClaimResult r = store.claim(pool, address, owner, false);
                if (r == ClaimResult.CLAIMED) {
                    return Optional.of(new Lease(pool.id(), address));
                }
                if (r == ClaimResult.OWNER_HAS_OTHER) {
                    store.addFree(pool, address); // our cursor slot is unused: keep it reachable
                    return store.lease(owner);
                }
                continue; // a static claim holds this address: take the next one
            }
            Optional<String> free = store.anyFree(pool);
            if (free.isEmpty()) {
                return Optional.empty();
            }
            ClaimResult r = store.claim(pool, free.get(), owner, true);
            if (r == ClaimResult.CLAIMED) {
                return Optional.of(new Lease(pool.id(), free.get()));
            }
            if (r == ClaimResult.OWNER_HAS_OTHER) {
                return store.lease(owner);
            }
            if (r == ClaimResult.ADDRESS_TAKEN) {
                store.dropFree(pool, free.get()); // a stale entry: the address has an owner
            }
            // FREE_GONE: another applier took it first. Look again.
        }
    }

    private static String ids(List<VipPool> pools) {
        return pools.stream().map(VipPool::id).collect(Collectors.joining(", ", "[", "]"));
    }
}
