package io.gatewarden.applier.realize;

import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.lbclient.VirtualService.Member;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.DiscoveryV1Api;
import io.kubernetes.client.openapi.models.V1Endpoint;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeAddress;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pool members read from the cluster, in AKO's two modes:
 * <ul>
 * <li>{@code NODE_PORT}: every selected Node's InternalIP (ExternalIP when it has none) × the port's nodePort;
 * Nodes are selected by a label selector ({@code gatewarden.applier.members.node-selector}, all when empty)
 * and cordoned ones are left out.</li>
 * <li>{@code CLUSTER_IP}: the addresses of the ready endpoints in the Service's EndpointSlices
 * ({@code kubernetes.io/service-name}) × the endpoint port that carries the Service port's name.</li>
 * </ul>
 */
public final class KubernetesMembers implements MemberSource {

    /** How members are found. */
    public enum Mode { NODE_PORT, CLUSTER_IP }

    private final CoreV1Api core;
    private final DiscoveryV1Api discovery;
    private final Mode mode;
    private final String nodeSelector;

    public KubernetesMembers(ApiClient client, Mode mode, String nodeSelector) {
        this.core = new CoreV1Api(client);
        this.discovery = new DiscoveryV1Api(client);
        this.mode = mode;
        this.nodeSelector = nodeSelector == null || nodeSelector.isBlank() ? null : nodeSelector;
    }

    @Override
    public List<Member> members(String namespace, String service, Integer port, String portName, String protocol) {
        Optional<V1ServicePort> sp = servicePort(namespace, service, port, portName, protocol);
        if (sp.isEmpty()) {
            return List.of();
        }
        return mode == Mode.NODE_PORT ? nodePortMembers(sp.get()) : endpointMembers(namespace, service, sp.get());
    }

    private Optional<V1ServicePort> servicePort(String namespace, String service, Integer port, String portName,
            String protocol) {
        V1Service svc;
        try {
            svc = core.readNamespacedService(service, namespace).execute();
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return Optional.empty(); // not created yet: no members until it is
            }
            throw new ApplierException("reading Service " + namespace + "/" + service + " failed: HTTP " + e.getCode(), e);
        }
        if (svc.getSpec() == null || svc.getSpec().getPorts() == null) {
            return Optional.empty();
        }
        return svc.getSpec().getPorts().stream()
                .filter(p -> port == null || port.equals(p.getPort()))
                .filter(p -> portName == null || portName.equals(p.getName()))
                .filter(p -> protocol == null || protocol.equalsIgnoreCase(p.getProtocol() == null ? "TCP" : p.getProtocol()))
                .findFirst();
    }

    private List<Member> nodePortMembers(V1ServicePort sp) {
        if (sp.getNodePort() == null) {
            return List.of(); // a ClusterIP Service in NodePort mode has nothing to offer
        }
        List<V1Node> nodes;
        try {
            nodes = core.listNode().labelSelector(nodeSelector).execute().getItems();
        } catch (ApiException e) {
            throw new ApplierException("listing Nodes failed: HTTP " + e.getCode(), e);
        }
        List<Member> out = new ArrayList<>();
        for (V1Node node : nodes) {
            if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
                continue;
            }
            nodeAddress(node).ifPresent(a -> out.add(new Member(a, sp.getNodePort())));
        }
        out.sort(java.util.Comparator.comparing(Member::address));
        return out;
    }

    private static Optional<String> nodeAddress(V1Node node) {
        List<V1NodeAddress> addresses = node.getStatus() == null || node.getStatus().getAddresses() == null
                ? List.of() : node.getStatus().getAddresses();
        for (String type : List.of("InternalIP", "ExternalIP")) {
            Optional<String> a = addresses.stream().filter(x -> type.equals(x.getType()))
                    .map(V1NodeAddress::getAddress).findFirst();
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    private List<Member> endpointMembers(String namespace, String service, V1ServicePort sp) {
        List<V1EndpointSlice> slices;
        try {
            slices = discovery.listNamespacedEndpointSlice(namespace)
                    .labelSelector("kubernetes.io/service-name=" + service).execute().getItems();
        } catch (ApiException e) {
            throw new ApplierException("listing EndpointSlices of " + namespace + "/" + service + " failed: HTTP "
                    + e.getCode(), e);
        }
        Set<Member> out = new LinkedHashSet<>();
        for (V1EndpointSlice slice : slices) {
            Integer target = slice.getPorts() == null ? null : slice.getPorts().stream()
                    .filter(p -> Objects.equals(emptyToNull(p.getName()), emptyToNull(sp.getName())))
                    .map(io.kubernetes.client.openapi.models.DiscoveryV1EndpointPort::getPort)
                    .filter(Objects::nonNull).findFirst().orElse(null);
            if (target == null || slice.getEndpoints() == null) {
                continue;
            }
            for (V1Endpoint ep : slice.getEndpoints()) {
                boolean ready = ep.getConditions() == null || !Boolean.FALSE.equals(ep.getConditions().getReady());
                if (ready && ep.getAddresses() != null) {
                    ep.getAddresses().forEach(a -> out.add(new Member(a, target)));
                }
            }
        }
        List<Member> sorted = new ArrayList<>(out);
        sorted.sort(java.util.Comparator.comparing(Member::address).thenComparing(Member::port));
        return sorted;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
