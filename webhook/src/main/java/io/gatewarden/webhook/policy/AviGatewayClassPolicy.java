package io.gatewarden.webhook.policy;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.model.gateway.v1alpha1.GatewayClass;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;

/** AKO services-API GatewayClass: parametersRef must point at an existing AviInfraSetting. */
public class AviGatewayClassPolicy implements Policy<GatewayClass> {

    @Override
    public Class<GatewayClass> type() {
        return GatewayClass.class;
    }

    @Override
    public void check(GatewayClass gc, ClusterView view, Findings out) {
        if (!Conventions.AVI_CONTROLLER.equals(gc.controller()) || gc.spec().parametersRef() == null) {
            return;
        }
        GatewayClass.ParametersRef ref = gc.spec().parametersRef();
        InfraSettingRefs.check(ref.group(), ref.kind(), ref.name(),
                FieldPath.root("spec").child("parametersRef"), "group", Rule.AVI_GC_PARAMETERS, view, out);
    }
}
