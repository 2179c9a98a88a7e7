package io.gatewarden.applier.outcome;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.model.k8s.KubernetesObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One object to handle: as the Kubernetes API has it now (null when it has it no longer), with what the table knew
 * of it before.
 *
 * @param digest the object's digest as read, null when it is gone or is only rebuilt as a parent
 */
public record Change(OwnerKey owner, KubernetesObject object, Optional<ObjectState> before, String digest) {

    /** The parents the object was part of before. */
    public List<OwnerKey> parentsBefore() {
        return before.map(ObjectState::parents).orElse(List.of());
    }

    /** The parents it was part of before, then those of {@code now} not among them: what is written ahead. */
    public List<OwnerKey> parentsBeforeAnd(List<OwnerKey> now) {
        Set<OwnerKey> all = new LinkedHashSet<>(parentsBefore());
        all.addAll(now);
        return List.copyOf(all);
    }

    /** Whether the object held an address before this attempt (an address taken now is freed if refused). */
    public boolean heldAnAddress() {
        return before.map(ObjectState::vip).isPresent();
    }
}
