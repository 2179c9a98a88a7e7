package io.gatewarden.model.avi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * ako.vmware.com v1alpha1 / v1beta1 AviInfraSetting (one schema, cluster-scoped), as AKO's CRD has it: listeners
 * under {@code spec.network}, {@code nsxSettings} under {@code spec}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AviInfraSetting(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Spec spec,
        Status status,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements KubernetesObject {

    public List<VipNetwork> vipNetworks() {
        return spec == null || spec.network() == null || spec.network().vipNetworks() == null ? List.of()
                : spec.network().vipNetworks();
    }

    /** l7Settings.shardSize as written, or null. */
    public String shardSize() {
        return spec == null || spec.l7Settings() == null ? null : spec.l7Settings().shardSize();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spec(SeGroup seGroup, Network network, L7Settings l7Settings, NsxSettings nsxSettings,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SeGroup(String name, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Network(List<VipNetwork> vipNetworks, List<NodeNetwork> nodeNetworks, Boolean enableRhi,
            List<String> bgpPeerLabels, Boolean enablePublicIP, List<Listener> listeners,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VipNetwork(String networkName, String networkUUID, String cidr, String v6cidr,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeNetwork(String networkName, String networkUUID, List<String> cidrs,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NsxSettings(String t1lr, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record L7Settings(String shardSize, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listener(Integer port, Boolean enableSSL, Boolean enableHTTP2,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String status, String error, @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {
    }
}
