package io.gatewarden.webhook.policy;

import static io.gatewarden.webhook.policy.Severity.ERROR;
import static io.gatewarden.webhook.policy.Severity.WARNING;

/**
 * The rule catalogue: stable IDs (never renumbered; a retired rule keeps its ID unused), severity, what each
 * catches. docs/rules.md explains why each matters and links its failing and passing example.
 */
public enum Rule {
    // Manifest level
    MANIFEST_SYNTAX("MAN-001", ERROR, "manifest cannot be read: YAML syntax, duplicate key, unknown field, wrong type, missing identity"),
    MANIFEST_DUPLICATE("MAN-002", ERROR, "two objects with the same kind, namespace and name in one set"),
    MANIFEST_CLUSTER_SCOPED_NAMESPACE("MAN-003", WARNING, "metadata.namespace on a cluster-scoped kind"),

    // Avi / AKO services API (networking.x-k8s.io/v1alpha1)
    AVI_GW_MATCH_LABELS("AVI-GW-001", ERROR, "listener matchLabels lack the AKO gateway labels or name another Gateway"),
    AVI_GW_LISTENER_COUNT("AVI-GW-002", ERROR, "Gateway has no listener or more than 64"),
    AVI_GW_PORT("AVI-GW-003", ERROR, "listener port outside 1..65535"),
    AVI_GW_PROTOCOL("AVI-GW-004", ERROR, "listener protocol other than TCP, UDP or SCTP"),
    AVI_GW_DUPLICATE_LISTENER("AVI-GW-005", ERROR, "two listeners with the same protocol and port"),
    AVI_GW_CLASS("AVI-GW-006", ERROR, "gatewayClassName missing, not found, or its class is not AKO's"),
    AVI_GW_ADDRESS("AVI-GW-007", ERROR, "static address does not parse as IPv4 or lies outside the VIP networks"),
    AVI_GC_PARAMETERS("AVI-GC-001", ERROR, "GatewayClass parametersRef is not an existing AviInfraSetting"),
    VIP_CONFLICT("VIP-001", ERROR, "static VIP already claimed by another Gateway or Service"),
    LB_NAME_CONFLICT("LB-NAME-001", ERROR, "load-balancer name (AKO: <namespace>-<name>) already another object's"),
    AVI_SVC_GATEWAY_LABELS("AVI-SVC-001", ERROR, "Service carries only one of the two AKO gateway labels"),
    AVI_SVC_GATEWAY_NOT_FOUND("AVI-SVC-002", ERROR, "Service names a Gateway that does not exist"),
    AVI_SVC_PORT_NO_LISTENER("AVI-SVC-003", ERROR, "Service port matches no listener of its Gateway"),
    AVI_SVC_PORT_CONFLICT("AVI-SVC-004", ERROR, "another Service already claims the listener (PortConflict)"),
    AVI_SVC_LOADBALANCER_ON_GATEWAY("AVI-SVC-005", WARNING, "type LoadBalancer Service with gateway labels gets its own VIP"),
    AVI_SVC_INFRA_SETTING("AVI-SVC-006", ERROR, "LoadBalancer Service names an AviInfraSetting that does not exist"),
    AVI_INFRA_SHARD_SIZE("AVI-INFRA-001", ERROR, "shardSize not SMALL, MEDIUM, LARGE or DEDICATED"),
    AVI_INFRA_CIDR("AVI-INFRA-002", ERROR, "vipNetworks cidr / v6cidr invalid, or network neither named nor given a UUID"),
    AVI_INFRA_POOL_TOO_SMALL("AVI-INFRA-003", ERROR, "VIP networks have fewer usable addresses than the shard count"),
    AVI_INFRA_BGP_WITHOUT_RHI("AVI-INFRA-004", ERROR, "bgpPeerLabels without enableRhi: true"),
    AVI_INFRA_SE_GROUP("AVI-INFRA-005", ERROR, "seGroup given without a name"),
    AVI_INFRA_LISTENERS("AVI-INFRA-006", ERROR, "listeners given but none enables SSL, or a port is out of range"),
    AVI_INGRESS_CLASS_PARAMETERS("AVI-IC-001", ERROR, "AKO IngressClass parameters are not an existing AviInfraSetting"),
    INGRESS_CLASS_NOT_FOUND("ING-001", ERROR, "ingressClassName names no IngressClass"),
    INGRESS_REMOVED_API("ING-002", ERROR, "Ingress API version not served since Kubernetes 1.22"),
    INGRESS_TLS_HOST_UNUSED("ING-003", WARNING, "TLS host used by no rule"),

    // Gateway API v1, every controller (mirrors the API's own validation)
    GW_LISTENERS("GW-001", ERROR, "listener count, name (unique DNS subdomain) or port invalid"),
    GW_LISTENER_CONFLICT("GW-002", ERROR, "two listeners with the same port, protocol and hostname"),
    GW_TLS("GW-003", ERROR, "tls where the protocol forbids it, or missing / incomplete where it is required"),
    GW_HOSTNAME("GW-004", ERROR, "hostname on a TCP or UDP listener"),
    GW_ADDRESSES("GW-005", ERROR, "address does not parse, is not a hostname, or is listed twice"),
    ROUTE_PARENT_REFS("RT-001", ERROR, "same parent referenced twice without distinct sectionName or port"),
    ROUTE_BACKEND_PORT("RT-002", ERROR, "Service backendRef without a port"),

    // Gateway API v1, Avi and LoxiLB classes only
    LB_GW_PROTOCOL("LB-GW-001", ERROR, "listener protocol or route kind the controller does not implement"),
    LB_GW_ADDRESSES("LB-GW-002", ERROR, "more addresses, or another address type, than the controller supports"),
    ROUTE_PARENT_NOT_FOUND("RT-003", ERROR, "parentRef names no Gateway"),
    ROUTE_SECTION_NAME("RT-004", ERROR, "sectionName missing (LoxiLB requires it) or naming no listener"),
    ROUTE_PROTOCOL_MISMATCH("RT-005", ERROR, "route kind does not fit the listener protocol"),
    ROUTE_KIND_NOT_ALLOWED("RT-006", ERROR, "route kind not in the listener's allowedRoutes.kinds"),

    // Admission only: UPDATE compares with the previous version; mutation explains what it could not inject
    UPDATE_CLASS_CONTROLLER("UPD-001", ERROR, "GatewayClass controller changed"),
    UPDATE_GATEWAY_ADDRESS("UPD-002", ERROR, "Gateway static address changed or removed"),
    MUTATION_NOT_INJECTED("MUT-001", WARNING, "segment's AviInfraSetting or IngressClass does not exist: nothing injected");

    private final String id;
    private final Severity severity;
    private final String summary;

    Rule(String id, Severity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String summary() {
        return summary;
    }

    /** Rules that only the admission webhook can apply (they need the previous object or a mutation). */
    public boolean admissionOnly() {
        return id.startsWith("UPD-") || id.startsWith("MUT-");
    }
}
