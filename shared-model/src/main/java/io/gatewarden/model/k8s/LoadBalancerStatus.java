package io.gatewarden.model.k8s;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** status.loadBalancer of a Service or an Ingress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadBalancerStatus(
        List<Ingress> ingress,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ingress(
            String ip,
            String hostname,
            String ipMode,
            List<Map<String, Object>> ports,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
