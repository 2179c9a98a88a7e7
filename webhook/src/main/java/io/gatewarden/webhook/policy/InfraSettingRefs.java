package io.gatewarden.webhook.policy;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;

/**
 * A reference {group, kind, name} to an AviInfraSetting, as GatewayClass and IngressClass carry it. A wrong
 * one makes AKO fall back to its defaults without a word (reference section 1).
 */
final class InfraSettingRefs {

    private InfraSettingRefs() {
    }

    static void check(String group, String kind, String name, FieldPath path, String groupField, Rule rule,
            ClusterView view, Findings out) {
        if (!Conventions.AKO_GROUP.equals(group)) {
            out.add(rule, group == null ? FieldError.required(path.child(groupField), "must be " + Conventions.AKO_GROUP)
                    : FieldError.invalid(path.child(groupField), group, "must be " + Conventions.AKO_GROUP));
        }
        if (!Conventions.AVI_INFRA_SETTING.equals(kind)) {
            out.add(rule, kind == null ? FieldError.required(path.child("kind"), "must be " + Conventions.AVI_INFRA_SETTING)
                    : FieldError.invalid(path.child("kind"), kind, "must be " + Conventions.AVI_INFRA_SETTING));
            return;
        }
        exists(name, path.child("name"), rule, view, out);
    }

    /** Reports when no AviInfraSetting has this name. */
    static void exists(String name, FieldPath path, Rule rule, ClusterView view, Findings out) {
        if (name == null || name.isEmpty()) {
            out.add(rule, FieldError.required(path, "name an AviInfraSetting"));
        } else if (view.find(AviInfraSetting.class, null, name).isEmpty()) {
            out.addMissing(rule, FieldError.notFound(path, name, "no AviInfraSetting (ako.vmware.com) named \"" + name
                    + "\"; AKO would silently fall back to its default settings"), "AviInfraSetting " + name);
        }
    }
}
