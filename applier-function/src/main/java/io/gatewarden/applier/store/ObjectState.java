package io.gatewarden.applier.store;

import io.gatewarden.applier.allocation.OwnerKey;

/**
 * What the applier knows of one object: the last event applied and its outcome.
 *
 * @param owner   the object
 * @param status  Allocated, Pending, Member, Recorded or Deleted
 * @param reason  why it is pending (pool exhausted, address taken, class unknown), else null
 * @param vip     its address, if it holds one
 * @param object  the object as last admitted (JSON), null after DELETE
 * @param detail  placement details for Ingresses (host → shard / VIP), else null
 * @param admittedAtMicros when the last applied event was admitted (epoch microseconds), 0 when unknown
 */
public record ObjectState(OwnerKey owner, String status, String reason, String vip, String object, String detail,
        long admittedAtMicros) {
}
