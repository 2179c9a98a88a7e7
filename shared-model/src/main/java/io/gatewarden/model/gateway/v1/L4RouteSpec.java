package io.gatewarden.model.gateway.v1;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** spec of TCPRoute and UDPRoute (same schema). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record L4RouteSpec(List<ParentReference> parentRefs, List<Rule> rules,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public List<List<BackendRef>> backendRefsByRule() {
        return rules == null ? List.of()
                : rules.stream().map(r -> r == null || r.backendRefs() == null ? List.<BackendRef>of() : r.backendRefs())
                        .toList();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String name, List<BackendRef> backendRefs,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
