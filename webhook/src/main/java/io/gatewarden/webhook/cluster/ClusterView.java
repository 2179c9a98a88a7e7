package io.gatewarden.webhook.cluster;

import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import java.util.List;
import java.util.Optional;

/**
 * What the rules may know about other objects. Every lookup is answered from an index: no rule scans all
 * objects. In {@code check} it holds the manifest set; in the webhook it is fed by informers.
 */
public interface ClusterView {

    /**
     * The object of this record type, namespace (null or "" for cluster-scoped kinds) and name.
     * Versions of one kind that share a record (Gateway v1 and v1beta1) are one object.
     */
    <T extends KubernetesObject> Optional<T> find(Class<T> type, String namespace, String name);

    /** Services labelled for the services-API Gateway {@code namespace/name}, in the order they became known. */
    List<Service> servicesOfGateway(String namespace, String name);

    /** Names of AKO IngressClasses whose parameters name this AviInfraSetting, in the order they became known. */
    List<String> ingressClassesOf(String aviInfraSetting);

    /** Objects whose static VIP is {@code address} (Gateway spec.addresses, Service loadBalancerIP), oldest first. */
    List<KubernetesObject> claimsOf(String address);
}
