package io.gatewarden.model.k8s;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** networking.k8s.io/v1 Ingress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ingress(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Spec spec,
        Status status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubernetesObject {

    public List<Rule> rules() {
        return spec == null || spec.rules() == null ? List.of() : spec.rules();
    }

    public List<Tls> tls() {
        return spec == null || spec.tls() == null ? List.of() : spec.tls();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(
            String ingressClassName,
            Backend defaultBackend,
            List<Tls> tls,
            List<Rule> rules,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tls(List<String> hosts, String secretName,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String host, Http http, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Http(List<Path> paths, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Path(String path, String pathType, Backend backend,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Backend(ServiceBackend service, Map<String, Object> resource,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceBackend(String name, ServicePort port,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServicePort(String name, Integer number, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(LoadBalancerStatus loadBalancer, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
