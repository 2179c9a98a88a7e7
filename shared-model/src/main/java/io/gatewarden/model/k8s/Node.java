package io.gatewarden.model.k8s;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** core/v1 Node: only what pool members need (addresses, labels) is typed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Node(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Map<String, Object> spec,
        Status status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubernetesObject {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(
            List<Address> addresses,
            Map<String, Object> capacity,
            Map<String, Object> allocatable,
            List<Map<String, Object>> conditions,
            Map<String, Object> daemonEndpoints,
            Map<String, Object> nodeInfo,
            List<Map<String, Object>> images,
            List<String> volumesInUse,
            List<Map<String, Object>> volumesAttached,
            Map<String, Object> config,
            String phase,
            List<Map<String, Object>> runtimeHandlers,
            Map<String, Object> features,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String type, String address, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
