package io.gatewarden.model.gateway.v1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A route rule's backendRefs entry (defaults: core group, kind Service). HTTPRoute's per-backend filters, which
 * TCP and UDP routes lack, stay in {@code extra}: no rule reads them and the schema check covers them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackendRef(String group, String kind, String name, String namespace, Integer port, Integer weight,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public boolean refersToService() {
        return (group == null || group.isEmpty()) && (kind == null || kind.equals("Service"));
    }
}
