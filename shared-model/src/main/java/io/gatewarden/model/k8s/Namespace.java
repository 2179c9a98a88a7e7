package io.gatewarden.model.k8s;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** core/v1 Namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Namespace(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Spec spec,
        Map<String, Object> status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubernetesObject {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(List<String> finalizers, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
