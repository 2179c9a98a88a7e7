package io.gatewarden.model.gateway.v1alpha1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatewarden.model.k8s.Condition;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.ObjectMeta;
import java.util.List;
import java.util.Map;

/** networking.x-k8s.io/v1alpha1 Gateway: listeners select Services by labels (AKO services API). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gateway(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Spec spec,
        Status status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubernetesObject {

    public List<Listener> listeners() {
        return spec == null || spec.listeners() == null ? List.of() : spec.listeners();
    }

    public List<Address> addresses() {
        return spec == null || spec.addresses() == null ? List.of() : spec.addresses();
    }

    public String gatewayClassName() {
        return spec == null ? null : spec.gatewayClassName();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(String gatewayClassName, List<Listener> listeners, List<Address> addresses,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listener(String hostname, Integer port, String protocol, Map<String, Object> tls,
            Routes routes, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Routes(String group, String kind, Map<String, Object> namespaces, Selector selector,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Selector(Map<String, String> matchLabels, List<Map<String, Object>> matchExpressions,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String type, String value, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(List<Address> addresses, List<Condition> conditions, List<Map<String, Object>> listeners,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
