package io.gatewarden.webhook.cluster;

import io.gatewarden.model.k8s.IngressClass;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.lb.Conventions;
import io.gatewarden.model.lb.StaticAddresses;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ClusterView} over objects held in memory, with the indexes the rules need. Thread-safe. */
public final class IndexedClusterView implements ClusterView {

    private record Key(Class<?> type, String namespace, String name) {
    }

    private final Map<Key, KubernetesObject> byKey = new ConcurrentHashMap<>();
    private final Map<String, List<Service>> servicesByGateway = new ConcurrentHashMap<>();
    private final Map<String, List<KubernetesObject>> claimsByAddress = new ConcurrentHashMap<>();
    private final Map<String, List<String>> ingressClassesBySetting = new ConcurrentHashMap<>();

    public static IndexedClusterView of(Collection<? extends KubernetesObject> objects) {
        IndexedClusterView view = new IndexedClusterView();
        objects.forEach(view::put);
        return view;
    }

    /** Adds or replaces an object (the first one put keeps its place in the claim orders). */
    public synchronized void put(KubernetesObject o) {
        KubernetesObject previous = byKey.put(key(o.getClass(), Conventions.namespaceOf(o), o.name()), o);
        if (previous != null) {
            unindex(previous);
        }
        index(o);
    }

    public synchronized void remove(KubernetesObject o) {
        KubernetesObject previous = byKey.remove(key(o.getClass(), Conventions.namespaceOf(o), o.name()));
        if (previous != null) {
            unindex(previous);
        }
    }

    @Override
    public <T extends KubernetesObject> Optional<T> find(Class<T> type, String namespace, String name) {
        return Optional.ofNullable(byKey.get(key(type, namespace, name))).map(type::cast);
    }

    @Override
    public List<Service> servicesOfGateway(String namespace, String name) {
        return servicesByGateway.getOrDefault(namespace + "/" + name, List.of());
    }

    @Override
    public List<String> ingressClassesOf(String aviInfraSetting) {
        return ingressClassesBySetting.getOrDefault(aviInfraSetting, List.of());
    }

    /** Number of objects held. */
    public int size() {
        return byKey.size();
    }

    @Override
    public List<KubernetesObject> claimsOf(String address) {
        return claimsByAddress.getOrDefault(address, List.of());
    }

    private void index(KubernetesObject o) {
        gatewayKey(o).ifPresent(k ->
                servicesByGateway.computeIfAbsent(k, x -> new CopyOnWriteArrayList<>()).add((Service) o));
        StaticAddresses.of(o).ifPresent(ip ->
                claimsByAddress.computeIfAbsent(ip, k -> new CopyOnWriteArrayList<>()).add(o));
        settingOfIngressClass(o).ifPresent(s ->
                ingressClassesBySetting.computeIfAbsent(s, k -> new CopyOnWriteArrayList<>()).add(o.name()));
    }

    private void unindex(KubernetesObject o) {
        gatewayKey(o).ifPresent(k -> servicesByGateway.getOrDefault(k, List.of()).remove(o));
        StaticAddresses.of(o).ifPresent(ip -> claimsByAddress.getOrDefault(ip, List.of()).remove(o));
        settingOfIngressClass(o).ifPresent(s -> ingressClassesBySetting.getOrDefault(s, List.of()).remove(o.name()));
    }

    private static Optional<String> settingOfIngressClass(KubernetesObject o) {
        if (o instanceof IngressClass ic && Conventions.AVI_CONTROLLER.equals(ic.controller())
                && ic.spec().parameters() != null && Conventions.AVI_INFRA_SETTING.equals(ic.spec().parameters().kind())
                && ic.spec().parameters().name() != null) {
            return Optional.of(ic.spec().parameters().name());
        }
        return Optional.empty();
    }

    /** "namespace/name" of the services-API Gateway a Service is labelled for. */
    private static Optional<String> gatewayKey(KubernetesObject o) {
        if (o instanceof Service svc && svc.metadata() != null) {
            String gw = svc.metadata().label(Conventions.GATEWAY_NAME_LABEL);
            String gwNs = svc.metadata().label(Conventions.GATEWAY_NAMESPACE_LABEL);
            if (gw != null && gwNs != null) {
                return Optional.of(gwNs + "/" + gw);
            }
        }
        return Optional.empty();
    }

    private static Key key(Class<?> type, String namespace, String name) {
        return new Key(type, namespace == null ? "" : namespace, name);
    }
}
