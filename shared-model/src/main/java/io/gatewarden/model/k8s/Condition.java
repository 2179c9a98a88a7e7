package io.gatewarden.model.k8s;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** metav1.Condition as used in Gateway API and AKO status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
        String type,
        String status,
        String reason,
        String message,
        Long observedGeneration,
        String lastTransitionTime,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
}
