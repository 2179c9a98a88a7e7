package io.gatewarden.applier.realize;

import io.gatewarden.applier.lbclient.VirtualService;
import io.gatewarden.applier.status.StatusReporter.GatewayCondition;
import io.gatewarden.applier.status.StatusReporter.ListenerState;
import java.util.List;

/**
 * What one object should be on its load balancer, and what its status should say.
 *
 * @param lb         which load balancer
 * @param name       the virtual service's name there
 * @param vs         the virtual service, or null when there is nothing to serve (it is then deleted)
 * @param conditions object conditions (Gateways)
 * @param listeners  listener statuses (Gateways)
 */
public record Desired(LoadBalancers.Kind lb, String name, VirtualService vs, List<GatewayCondition> conditions,
        List<ListenerState> listeners) {
}
