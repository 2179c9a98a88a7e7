package io.gatewarden.model.k8s;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** core/v1 Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Service(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Spec spec,
        Status status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubernetesObject {

    public static final String TYPE_LOAD_BALANCER = "LoadBalancer";
    /** AKO's annotation for a Service's static VIP; it stands in for spec.loadBalancerIP (deprecated in 1.24). */
    public static final String AKO_LOAD_BALANCER_IP_ANNOTATION = "ako.vmware.com/load-balancer-ip";

    /**
     * The static VIP the Service asks for: AKO's {@code ako.vmware.com/load-balancer-ip} annotation when set (AKO
     * reads it first), else {@code spec.loadBalancerIP}; null when neither is given.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String requestedLoadBalancerIP() {
        String annotated = metadata == null ? null : metadata.annotation(AKO_LOAD_BALANCER_IP_ANNOTATION);
        if (annotated != null && !annotated.isBlank()) {
            return annotated.trim();
        }
        String field = spec == null ? null : spec.loadBalancerIP();
        return field == null || field.isBlank() ? null : field;
    }

    /** Spec type, defaulting to ClusterIP as the API server does. */
    public String type() {
        return spec == null || spec.type() == null ? "ClusterIP" : spec.type();
    }

    @com.fasterxml.jackson.annotation.JsonIgnore

    public boolean isLoadBalancer() {
        return TYPE_LOAD_BALANCER.equals(type());
    }

    public List<Port> ports() {
        return spec == null || spec.ports() == null ? List.of() : spec.ports();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(
            String type,
            List<Port> ports,
            Map<String, String> selector,
            String clusterIP,
            List<String> clusterIPs,
            List<String> externalIPs,
            String externalName,
            String loadBalancerIP,
            String loadBalancerClass,
            List<String> loadBalancerSourceRanges,
            Boolean allocateLoadBalancerNodePorts,
            String externalTrafficPolicy,
            String internalTrafficPolicy,
            Integer healthCheckNodePort,
            List<String> ipFamilies,
            String ipFamilyPolicy,
            Boolean publishNotReadyAddresses,
            String sessionAffinity,
            Map<String, Object> sessionAffinityConfig,
            String trafficDistribution,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Port(
            String name,
            String protocol,
            Integer port,
            IntOrString targetPort,
            Integer nodePort,
            String appProtocol,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        /** Protocol defaulting to TCP as the API server does. */
        public String protocolOrDefault() {
            return protocol == null ? "TCP" : protocol;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(
            LoadBalancerStatus loadBalancer,
            List<Condition> conditions,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
