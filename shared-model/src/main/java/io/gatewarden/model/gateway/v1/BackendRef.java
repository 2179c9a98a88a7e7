package io.gatewarden.model.gateway.v1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A route rule's backendRefs entry (defaults: core group, kind Service). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackendRef(String group, String kind, String name, String namespace, Integer port, Integer weight,
        List<Map<String, Object>> filters, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public boolean refersToService() {
        return (group == null || group.isEmpty()) && (kind == null || kind.equals("Service"));
    }
}
