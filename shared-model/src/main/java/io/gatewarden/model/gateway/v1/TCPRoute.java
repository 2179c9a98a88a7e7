package io.gatewarden.model.gateway.v1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatewarden.model.k8s.ObjectMeta;
import java.util.List;
import java.util.Map;

/** gateway.networking.k8s.io/v1 TCPRoute (standard since v1.6.0) and v1alpha2 (experimental channel; kube-loxilb reads it). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TCPRoute(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        L4RouteSpec spec,
        Map<String, Object> status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Route {

    @Override
    public List<ParentReference> parentRefs() {
        return spec == null || spec.parentRefs() == null ? List.of() : spec.parentRefs();
    }

    @Override
    public List<List<BackendRef>> backendRefsByRule() {
        return spec == null ? List.of() : spec.backendRefsByRule();
    }
}
