package io.gatewarden.model.gateway.v1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A route's parentRefs entry (defaults: group gateway.networking.k8s.io, kind Gateway). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParentReference(String group, String kind, String namespace, String name, String sectionName,
        Integer port, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public boolean refersToGateway() {
        return (group == null || group.equals("gateway.networking.k8s.io")) && (kind == null || kind.equals("Gateway"));
    }
}
