package io.gatewarden.applier.kinds;

import io.gatewarden.applier.outcome.Change;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.model.k8s.KubernetesObject;
import java.util.Set;

/**
 * What other objects look up (GatewayClass, IngressClass, AviInfraSetting) and anything else the applier is told
 * about: recorded, nothing to allocate or apply. Objects left Pending because one of these was not recorded yet
 * are re-driven when it is.
 */
final class LookupKind implements KindHandler {

    /** Kinds other objects wait for when they arrive first. */
    static final Set<String> AWAITED = Set.of("GatewayClass", "IngressClass", "AviInfraSetting");

    @Override
    public boolean handles(KubernetesObject o) {
        return true;
    }

    @Override
    public Outcome handle(Change change) {
        return Outcome.of(Outcome.Status.RECORDED);
    }

    @Override
    public boolean awaited(KubernetesObject o) {
        return AWAITED.contains(o.kind());
    }
}
