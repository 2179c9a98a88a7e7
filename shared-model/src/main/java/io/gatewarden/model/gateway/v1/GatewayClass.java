package io.gatewarden.model.gateway.v1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.ObjectMeta;
import java.util.Map;

/** gateway.networking.k8s.io/v1 (and v1beta1) GatewayClass. Cluster-scoped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayClass(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Spec spec,
        Map<String, Object> status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubernetesObject {

    public String controllerName() {
        return spec == null ? null : spec.controllerName();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(String controllerName, ParametersRef parametersRef, String description,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParametersRef(String group, String kind, String name, String namespace,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
