package io.gatewarden.webhook.admission;

import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.policy.Finding;
import io.gatewarden.webhook.policy.ObjectRef;
import io.gatewarden.webhook.policy.Rule;
import io.gatewarden.model.lb.StaticAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Rules that compare an object with its previous version (UPDATE only). */
final class UpdateRules {

    private UpdateRules() {
    }

    static List<Finding> check(KubernetesObject oldObject, KubernetesObject newObject) {
        List<Finding> out = new ArrayList<>();
        ObjectRef ref = ObjectRef.of(newObject);
        String oldController = controllerOf(oldObject);
        String newController = controllerOf(newObject);
        if (oldController != null && !Objects.equals(oldController, newController)) {
            String field = newObject instanceof io.gatewarden.model.gateway.v1.GatewayClass ? "controllerName" : "controller";
            out.add(Finding.of(Rule.UPDATE_CLASS_CONTROLLER, ref, FieldError.forbidden(
                    FieldPath.root("spec").child(field), "the controller of a GatewayClass is immutable (was \""
                            + oldController + "\"); create a new GatewayClass instead")));
        }
        if (oldObject instanceof io.gatewarden.model.gateway.v1alpha1.Gateway
                || oldObject instanceof io.gatewarden.model.gateway.v1.Gateway) {
            Optional<String> before = StaticAddresses.of(oldObject);
            Optional<String> after = StaticAddresses.of(newObject);
            if (before.isPresent() && !before.equals(after)) {
                out.add(Finding.of(Rule.UPDATE_GATEWAY_ADDRESS, ref, FieldError.forbidden(
                        FieldPath.root("spec").child("addresses"), "the static VIP " + before.get()
                                + " cannot change: Avi refuses a changed VIP; delete and recreate the Gateway")));
            }
        }
        return out;
    }

    private static String controllerOf(KubernetesObject o) {
        if (o instanceof io.gatewarden.model.gateway.v1alpha1.GatewayClass gc) {
            return gc.controller();
        }
        if (o instanceof io.gatewarden.model.gateway.v1.GatewayClass gc) {
            return gc.controllerName();
        }
        return null;
    }
}
