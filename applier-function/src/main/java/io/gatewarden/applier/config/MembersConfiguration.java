package io.gatewarden.applier.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.ArrayList;
import java.util.List;

/** Where pool members come from ({@code gatewarden.applier.members.*}). */
@ConfigurationProperties("gatewarden.applier.members")
public class MembersConfiguration {

    /** CLUSTER_IP (EndpointSlices, AKO's default), NODE_PORT (Nodes × nodePort) or STATIC (local stack only). */
    public enum Mode { CLUSTER_IP, NODE_PORT, STATIC }

    private Mode mode = Mode.CLUSTER_IP;
    private String nodeSelector;
    private List<String> staticAddresses = new ArrayList<>();

    /** Default CLUSTER_IP. */
    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    /** Label selector for NODE_PORT members, e.g. {@code node-role.kubernetes.io/worker}; default all Nodes. */
    public String getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(String nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    /** STATIC mode: these addresses, at each Service's port. */
    public List<String> getStaticAddresses() {
        return staticAddresses;
    }

    public void setStaticAddresses(List<String> staticAddresses) {
        this.staticAddresses = staticAddresses;
    }
}
