package io.gatewarden.model.gateway.v1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatewarden.model.k8s.Condition;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.ObjectMeta;
import java.util.List;
import java.util.Map;

/** gateway.networking.k8s.io/v1 (and v1beta1) Gateway. */
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
            Map<String, Object> infrastructure, Map<String, Object> tls, Map<String, Object> allowedListeners,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listener(String name, String hostname, Integer port, String protocol, Tls tls,
            AllowedRoutes allowedRoutes, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tls(String mode, List<ObjectRef> certificateRefs, Map<String, Object> options,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObjectRef(String group, String kind, String name, String namespace,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AllowedRoutes(Map<String, Object> namespaces, List<RouteGroupKind> kinds,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RouteGroupKind(String group, String kind,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String type, String value, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        /** The API's default address type. */
        public String typeOrDefault() {
            return type == null ? "IPAddress" : type;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(List<Address> addresses, List<Condition> conditions, List<ListenerStatus> listeners,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListenerStatus(String name, List<RouteGroupKind> supportedKinds, Integer attachedRoutes,
            List<Condition> conditions, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
