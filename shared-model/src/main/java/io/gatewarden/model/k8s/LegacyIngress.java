package io.gatewarden.model.k8s;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * networking.k8s.io/v1beta1 and extensions/v1beta1 Ingress. Not served since Kubernetes 1.22: read only so
 * that Gatewarden can report them and show the v1 shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LegacyIngress(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Spec spec,
        Map<String, Object> status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubernetesObject {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(
            String ingressClassName,
            Backend backend,
            List<Ingress.Tls> tls,
            List<Rule> rules,
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
    public record Backend(String serviceName, IntOrString servicePort, Map<String, Object> resource,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
