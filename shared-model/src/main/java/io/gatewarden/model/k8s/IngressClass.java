package io.gatewarden.model.k8s;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** networking.k8s.io/v1 IngressClass (cluster-scoped). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngressClass(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Spec spec,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubernetesObject {

    public String controller() {
        return spec == null ? null : spec.controller();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(String controller, Parameters parameters,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameters(String apiGroup, String kind, String name, String namespace, String scope,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
