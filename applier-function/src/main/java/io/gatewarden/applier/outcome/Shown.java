package io.gatewarden.applier.outcome;

import io.gatewarden.applier.status.StatusReporter.GatewayCondition;
import io.gatewarden.applier.status.StatusReporter.ListenerState;
import java.util.List;

/** What an object's status shows after it was handled; {@code OutcomeWriter} writes it. */
public sealed interface Shown {

    /** Nothing is written to the object's status. */
    Shown NOTHING = new Nothing();

    /** Nothing is written to the object's status. */
    record Nothing() implements Shown {
    }

    /** A LoadBalancer Service's {@code status.loadBalancer.ingress[0].ip}. */
    record ServiceVip(String ip) implements Shown {
    }

    /** A Gateway's address, conditions and listener statuses, for the generation they were built from. */
    record GatewayStatus(String group, String version, String ip, long generation, List<GatewayCondition> conditions,
            List<ListenerState> listeners) implements Shown {
    }

    /** An Ingress's VIPs: those of the shards (or dedicated virtual services) its placement, as written, names. */
    record PlacementVips() implements Shown {
    }
}
