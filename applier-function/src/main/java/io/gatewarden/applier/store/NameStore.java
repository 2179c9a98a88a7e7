package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import java.util.Optional;

/**
 * Who owns a load-balancer object's name. Gatewarden's names follow AKO's conventions, which can collide (Service
 * {@code oam-syslog} in namespace {@code demo} and Gateway {@code syslog} in {@code demo-oam} both name
 * {@code <cluster>--demo-oam-syslog}): the first owner keeps the name, the second is refused, nobody overwrites.
 */
public interface NameStore {

    /**
     * Claims the name for {@code owner}; claiming one's own name again succeeds.
     *
     * @return empty when the owner holds it now; else who holds it
     */
    Optional<OwnerKey> claim(String lbAndName, OwnerKey owner);

    /** Gives the name up, only if {@code owner} holds it. */
    void release(String lbAndName, OwnerKey owner);
}
