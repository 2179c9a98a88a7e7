package io.gatewarden.applier.cluster;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.kube.LiveCluster;
import io.gatewarden.kube.WatchedResource;
import io.gatewarden.model.k8s.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.ListOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ClusterReader} on the Kubernetes API through client-java's dynamic client, for every resource of
 * {@link WatchedResource#ALL}. Where a kind is served in two versions (TCPRoute v1 / v1alpha2), the first
 * served one is read. Only a 404 means "absent"; every other failure throws.
 */
public final class KubernetesReader implements ClusterReader {

    private final ApiClient client;

    public KubernetesReader(ApiClient client) {
        this.client = client;
    }

    @Override
    public Optional<KubernetesObject> get(OwnerKey key) {
        for (WatchedResource r : resources(key.kind())) {
            DynamicKubernetesApi api = new DynamicKubernetesApi(r.group(), r.version(), r.plural(), client);
            KubernetesApiResponse<DynamicKubernetesObject> response = call(r, () -> r.namespaced()
                    ? api.get(key.namespace(), key.name()) : api.get(key.name()));
            if (response.getHttpStatusCode() == 404) {
                continue; // not there, or this version not served: the next version may have it
            }
            checked(r, response, "read " + key.id());
            return LiveCluster.bind(r, response.getObject());
        }
        return Optional.empty();
    }

    /**
     * Lists every served version and keeps each object once (the preferred version's copy): an API server that
     * serves two versions of a CRD lists the same objects in both, a server that stores versions apart (the local
     * stack's) lists each where it was written.
     */
    @Override
    public List<KubernetesObject> list(String kind, String labelSelector) {
        java.util.Map<String, KubernetesObject> out = new java.util.LinkedHashMap<>();
        for (WatchedResource r : resources(kind)) {
            ListOptions options = new ListOptions();
            if (labelSelector != null) {
                options.setLabelSelector(labelSelector);
            }
            DynamicKubernetesApi api = new DynamicKubernetesApi(r.group(), r.version(), r.plural(), client);
            KubernetesApiResponse<DynamicKubernetesListObject> response = call(r, () -> api.list(options));
            if (response.getHttpStatusCode() == 404) {
                continue; // this version is not served
            }
            checked(r, response, "list " + r.plural());
            for (DynamicKubernetesObject item : response.getObject().getItems()) {
                LiveCluster.bind(r, item).ifPresent(o -> out.putIfAbsent(o.namespace() + "/" + o.name(), o));
            }
        }
        return new ArrayList<>(out.values());
    }

    /** The resources of a kind named as in an owner key, preferred version first. */
    static List<WatchedResource> resources(String kind) {
        int dot = kind.indexOf('.');
        String k = dot < 0 ? kind : kind.substring(0, dot);
        String group = dot < 0 ? "" : kind.substring(dot + 1);
        List<WatchedResource> out = WatchedResource.ALL.stream()
                .filter(r -> r.kind().equals(k) && r.group().equals(group)).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no Kubernetes resource is known for kind " + kind);
        }
        return out;
    }

    /**
     * The response; a 404 that the client throws instead of returning (it does when the body is no Status) becomes
     * a 404 response, like any other.
     */
    private static <T extends io.kubernetes.client.common.KubernetesType> KubernetesApiResponse<T> call(
            WatchedResource r, Supplier<KubernetesApiResponse<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof io.kubernetes.client.openapi.ApiException api && api.getCode() == 404) {
                    return new KubernetesApiResponse<>(new io.kubernetes.client.openapi.models.V1Status().code(404),
                            404);
                }
            }
            throw new ClusterReadException("cannot reach the Kubernetes API for " + r.plural() + ": "
                    + LiveCluster.rootMessage(e));
        }
    }

    private static void checked(WatchedResource r, KubernetesApiResponse<?> response, String what) {
        if (!response.isSuccess()) {
            throw new ClusterReadException("the Kubernetes API could not " + what + " (" + r.apiVersion() + " "
                    + r.plural() + ", HTTP " + response.getHttpStatusCode() + ")");
        }
    }
}
