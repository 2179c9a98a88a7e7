package io.gatewarden.webhook.policy;

import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;

/** One static VIP, one owner: the first claimant keeps it (reference section 8). */
final class VipClaims {

    private VipClaims() {
    }

    static void check(KubernetesObject self, String address, FieldPath path, ClusterView view, Findings out) {
        ObjectRef me = ObjectRef.of(self);
        for (KubernetesObject claimant : view.claimsOf(address)) {
            ObjectRef other = ObjectRef.of(claimant);
            if (other.sameObjectAs(me)) {
                return; // we are the first claimant
            }
            out.add(Rule.VIP_CONFLICT, FieldError.duplicate(path, address, "already claimed by " + other
                    + "; choose a free address of the pool or leave it empty to get one allocated"));
            return;
        }
    }
}
