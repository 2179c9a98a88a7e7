package io.gatewarden.webhook.policy;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.model.k8s.IngressClass;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;

/** AKO IngressClass: parameters, when given, must be an existing AviInfraSetting. */
public class IngressClassPolicy implements Policy<IngressClass> {

    @Override
    public Class<IngressClass> type() {
        return IngressClass.class;
    }

    @Override
    public void check(IngressClass ic, ClusterView view, Findings out) {
        if (!Conventions.AVI_CONTROLLER.equals(ic.controller()) || ic.spec().parameters() == null) {
            return;
        }
        IngressClass.Parameters p = ic.spec().parameters();
        InfraSettingRefs.check(p.apiGroup(), p.kind(), p.name(), FieldPath.root("spec").child("parameters"),
                "apiGroup", Rule.AVI_INGRESS_CLASS_PARAMETERS, view, out);
    }
}
