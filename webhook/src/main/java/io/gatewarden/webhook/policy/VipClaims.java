package io.gatewarden.webhook.policy;

import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One static VIP, one owner (reference section 8): the first claimant keeps it. The exception is a shared VIP:
 * Services that carry the same sharing key, AKO's {@code ako.vmware.com/enable-shared-vip} or MetalLB's
 * {@code metallb.io/allow-shared-ip}, may share an address as long as no protocol/port pair repeats.
 */
final class VipClaims {

    static final String AKO_SHARED_VIP = "ako.vmware.com/enable-shared-vip";
    static final List<String> SHARING_ANNOTATIONS = List.of(AKO_SHARED_VIP, "metallb.io/allow-shared-ip");

    private record SharingKey(String annotation, String value) {
        @Override
        public String toString() {
            return annotation + ": \"" + value + "\"";
        }
    }

    private VipClaims() {
    }

    static void check(KubernetesObject self, String address, FieldPath path, ClusterView view, Findings out) {
        ObjectRef me = ObjectRef.of(self);
        Optional<SharingKey> mine = sharingKey(self);
        for (KubernetesObject claimant : view.claimsOf(address)) {
            ObjectRef other = ObjectRef.of(claimant);
            if (other.sameObjectAs(me)) {
                return; // every earlier claimant is compatible: we keep or share the address
            }
            Optional<String> conflict = conflict(self, mine, claimant, other);
            if (conflict.isPresent()) {
                out.add(Rule.VIP_CONFLICT, FieldError.duplicate(path, address, conflict.get()));
                return;
            }
        }
    }

    /** Why {@code self} cannot share the address with the earlier claimant, or empty when it can. */
    private static Optional<String> conflict(KubernetesObject self, Optional<SharingKey> mine, KubernetesObject claimant,
            ObjectRef other) {
        Optional<SharingKey> theirs = sharingKey(claimant);
        if (mine.isEmpty() && theirs.isEmpty()) {
            return Optional.of("already claimed by " + other + "; choose a free address of the pool, leave it empty "
                    + "to get one allocated, or share it: give both Services the same "
                    + String.join(" or ", SHARING_ANNOTATIONS) + " annotation");
        }
        if (mine.isEmpty() || theirs.isEmpty()) {
            SharingKey key = mine.orElseGet(theirs::get);
            return Optional.of("already claimed by " + other + "; a shared address needs the same sharing key on "
                    + "every sharer, but only " + (mine.isPresent() ? "this object" : other.toString()) + " has "
                    + key);
        }
        if (!mine.get().equals(theirs.get())) {
            return Optional.of("already claimed by " + other + " with " + theirs.get() + ", this object has "
                    + mine.get() + "; sharers need the same key");
        }
        if (mine.get().annotation().equals(AKO_SHARED_VIP) && !other.namespace().equals(ObjectRef.of(self).namespace())) {
            return Optional.of("already claimed by " + other + "; AKO shares a VIP under " + mine.get()
                    + " only among Services of one namespace");
        }
        Set<String> used = portKeys(claimant);
        for (String p : portKeys(self)) {
            if (used.contains(p)) {
                return Optional.of("shared with " + other + " under " + mine.get() + ", which already serves " + p
                        + " on it; each protocol/port may be used once per address");
            }
        }
        return Optional.empty();
    }

    private static Optional<SharingKey> sharingKey(KubernetesObject o) {
        if (!(o instanceof Service) || o.metadata() == null) {
            return Optional.empty();
        }
        for (String annotation : SHARING_ANNOTATIONS) {
            String value = o.metadata().annotation(annotation);
            if (value != null && !value.isBlank()) {
                return Optional.of(new SharingKey(annotation, value.trim()));
            }
        }
        return Optional.empty();
    }

    /** "TCP/53" for each port of a Service (protocol defaults to TCP as the API server does). */
    private static Set<String> portKeys(KubernetesObject o) {
        Set<String> keys = new HashSet<>();
        if (o instanceof Service svc) {
            svc.ports().forEach(p -> {
                if (p != null && p.port() != null) {
                    keys.add((p.protocol() == null ? "TCP" : p.protocol()) + "/" + p.port());
                }
            });
        }
        return keys;
    }
}
