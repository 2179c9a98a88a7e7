package io.gatewarden.model.gateway.v1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatewarden.model.k8s.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * gateway.networking.k8s.io/v1 HTTPRoute; matches and filters stay untyped here (no rule reads them), their fields
 * are checked against the CRD's structural schema ({@link io.gatewarden.model.manifest.StructuralSchemas}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HTTPRoute(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Spec spec,
        Map<String, Object> status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Route {

    @Override
    public List<ParentReference> parentRefs() {
        return spec == null || spec.parentRefs() == null ? List.of() : spec.parentRefs();
    }

    @Override
    public List<List<BackendRef>> backendRefsByRule() {
        return spec == null || spec.rules() == null ? List.of()
                : spec.rules().stream()
                        .map(r -> r == null || r.backendRefs() == null ? List.<BackendRef>of() : r.backendRefs())
                        .toList();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(List<ParentReference> parentRefs, List<String> hostnames, List<Rule> rules,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String name, List<Map<String, Object>> matches, List<Map<String, Object>> filters,
            List<BackendRef> backendRefs, Map<String, Object> timeouts,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
