package io.gatewarden.applier.kinds;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.outcome.Change;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.model.gateway.v1.Route;
import io.gatewarden.model.k8s.KubernetesObject;
import java.util.ArrayList;
import java.util.List;

/** A Gateway API route (TCPRoute, UDPRoute, HTTPRoute): a member of the Gateways its parentRefs name. */
final class RouteKind implements KindHandler {

    @Override
    public boolean handles(KubernetesObject o) {
        return o instanceof Route;
    }

    @Override
    public List<OwnerKey> parents(String cluster, KubernetesObject o) {
        Route route = (Route) o;
        List<OwnerKey> out = new ArrayList<>();
        for (var p : route.parentRefs()) {
            if (p != null && p.name() != null && (p.kind() == null || "Gateway".equals(p.kind()))) {
                OwnerKey gw = new OwnerKey(cluster, Gateways.V1, p.namespace() == null ? route.namespace()
                        : p.namespace(), p.name());
                if (!out.contains(gw)) {
                    out.add(gw);
                }
            }
        }
        return out;
    }

    @Override
    public Outcome handle(Change change) {
        return Outcome.of(parents(change.owner().cluster(), change.object()).isEmpty() ? Outcome.Status.RECORDED
                : Outcome.Status.MEMBER);
    }
}
