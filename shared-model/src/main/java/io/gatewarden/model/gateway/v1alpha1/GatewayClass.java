package io.gatewarden.model.gateway.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.ObjectMeta;
import java.util.Map;

/** networking.x-k8s.io/v1alpha1 GatewayClass (the "services API" AKO 1.4+ reads). Cluster-scoped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatewayClass(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Spec spec,
        Map<String, Object> status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubernetesObject {

    public String controller() {
        return spec == null ? null : spec.controller();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(String controller, ParametersRef parametersRef,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParametersRef(String group, String kind, String name,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
