package io.gatewarden.model.k8s;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** discovery.k8s.io/v1 EndpointSlice. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointSlice(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        String addressType,
        List<Endpoint> endpoints,
        List<Port> ports,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubernetesObject {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Endpoint(
            List<String> addresses,
            Conditions conditions,
            String hostname,
            String nodeName,
            String zone,
            Map<String, Object> targetRef,
            Map<String, Object> hints,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Conditions(Boolean ready, Boolean serving, Boolean terminating,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Port(String name, String protocol, Integer port, String appProtocol,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
