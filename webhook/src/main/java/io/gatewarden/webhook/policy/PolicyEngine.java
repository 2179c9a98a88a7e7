package io.gatewarden.webhook.policy;

import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.webhook.cluster.ClusterView;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of policies by record type, and the one entry point both {@code check} and the webhook call,
 * so a rule is written once. Kinds without a policy get no findings.
 */
@Singleton
public class PolicyEngine {

    private final Map<Class<?>, Policy<?>> byType = new HashMap<>();

    public PolicyEngine() {
        register(new AviGatewayPolicy());
        register(new AviGatewayClassPolicy());
        register(new ServicePolicy());
        register(new AviInfraSettingPolicy());
        register(new IngressClassPolicy());
        register(new IngressPolicy());
        register(new LegacyIngressPolicy());
        register(new GatewayApiPolicy());
        register(new RoutePolicy.TcpRoutes());
        register(new RoutePolicy.UdpRoutes());
        register(new RoutePolicy.HttpRoutes());
    }

    private void register(Policy<?> policy) {
        byType.put(policy.type(), policy);
    }

    /** True when some policy checks objects of this record type. */
    public boolean handles(Class<?> type) {
        return byType.containsKey(type);
    }

    /** Findings for {@code object} against {@code view}. Never throws for an object's content. */
    public List<Finding> check(KubernetesObject object, ClusterView view) {
        Policy<?> policy = byType.get(object.getClass());
        if (policy == null) {
            return List.of();
        }
        Findings out = new Findings(object);
        run(policy, object, view, out);
        return out.list();
    }

    @SuppressWarnings("unchecked")
    private static <T extends KubernetesObject> void run(Policy<T> policy, KubernetesObject object, ClusterView view,
            Findings out) {
        policy.check((T) object, view, out);
    }
}
