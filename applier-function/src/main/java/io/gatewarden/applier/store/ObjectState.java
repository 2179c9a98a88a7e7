package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import java.util.List;

/**
 * What the applier knows of one object: what allocation and clean-up need, never the object itself (that is read
 * from the Kubernetes API), so an item stays small whatever the object's size.
 *
 * @param owner           the object
 * @param status          Applied, Allocated, Pending, Refused, Failed, Member, Recorded or Deleted
 * @param reason          why it is pending or refused, else null
 * @param vip             its address, if it holds one
 * @param detail          placement details for Ingresses (host → shard / VIP), else null
 * @param uid             metadata.uid of the object last handled, null when none
 * @param digest          the {@link io.gatewarden.applier.cluster.ObjectDigest} of the version last handled, null
 *                        when none
 * @param parents         the load-balancer parents it is part of (Gateways, shards, dedicated hosts): rebuilt when
 *                        it changes or goes
 * @param realized        the load-balancer object of its own that may exist ({@code AVI:<name>} or
 *                        {@code LOXILB:<name>}), written before it is applied; null when none
 * @param observedAtMicros when it was last handled (epoch microseconds), 0 when unknown
 * @param movedFrom       {@code pool|address} of an address a move left held beside {@code vip}, null when none
 */
public record ObjectState(OwnerKey owner, String status, String reason, String vip, String detail, String uid,
        String digest, List<OwnerKey> parents, String realized, long observedAtMicros, String movedFrom) {

    /**
     * Whether it still holds something that must go when its object goes: an address, a load-balancer object or
     * parents. A state shown {@code Deleted} can: a handler cut short after allocating for the object's next
     * incarnation leaves the old outcome beside the new address.
     */
    public boolean holdsAnything() {
        return vip != null || movedFrom != null || realized != null || !parents.isEmpty();
    }
}
