package io.gatewarden.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.ObjectBinding;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One-shot read of the objects the rules need from a live cluster (for {@code check --kubeconfig}). A resource
 * the cluster does not serve (no LoxiLB CRDs installed, say) is skipped and noted, not an error.
 */
public final class LiveCluster {

    /** The cluster cannot be reached or refuses us: a usage-level error, reported in one line. */
    public static final class ClusterUnreachableException extends RuntimeException {
        public ClusterUnreachableException(String message) {
            super(message);
        }
    }

    /** What was read, and one note per resource that was not served. */
    public record Snapshot(List<KubernetesObject> objects, List<String> notes) {
    }

    private final ApiClient client;

    public LiveCluster(ApiClient client) {
        this.client = client;
    }

    public static LiveCluster fromKubeconfig(Path kubeconfig) {
        return new LiveCluster(client(kubeconfig));
    }

    /** An API client for this kubeconfig, or the in-cluster configuration when {@code kubeconfig} is null. */
    public static ApiClient client(Path kubeconfig) {
        if (kubeconfig == null) {
            try {
                return ClientBuilder.cluster().build();
            } catch (IOException | RuntimeException e) {
                throw new ClusterUnreachableException("no in-cluster configuration: " + e.getMessage());
            }
        }
        try (Reader reader = Files.newBufferedReader(kubeconfig, StandardCharsets.UTF_8)) {
            KubeConfig config = KubeConfig.loadKubeConfig(reader);
            config.setFile(kubeconfig.toAbsolutePath().toFile());
            return ClientBuilder.kubeconfig(config).build();
        } catch (IOException | RuntimeException e) {
            throw new ClusterUnreachableException("cannot use kubeconfig " + kubeconfig + ": " + e.getMessage());
        }
    }

    /** The API client it reads with. */
    public ApiClient client() {
        return client;
    }

    public Snapshot read() {
        List<KubernetesObject> objects = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<WatchedResource> served = new ArrayList<>();
        for (WatchedResource r : WatchedResource.ALL) {
            if (served.stream().anyMatch(r::sameKindAs)) {
                continue;
            }
            KubernetesApiResponse<DynamicKubernetesListObject> response;
            try {
                response = new DynamicKubernetesApi(r.group(), r.version(), r.plural(), client).list();
            } catch (RuntimeException e) {
                throw new ClusterUnreachableException("cannot reach the cluster: " + rootMessage(e));
            }
            int status = response.getHttpStatusCode();
            if (status == 401 || status == 403) {
                throw new ClusterUnreachableException("the cluster refused to list " + r.plural() + "."
                        + r.group() + " (HTTP " + status + "); check the kubeconfig's credentials and RBAC");
            }
            if (status == 404) {
                notes.add(r.apiVersion() + " " + r.plural() + " not served (HTTP 404): skipped");
                continue;
            }
            if (!response.isSuccess()) { // a 5xx or 429 says nothing about whether the resource exists
                throw new ClusterUnreachableException("the cluster could not list " + r.plural() + "."
                        + r.group() + " (HTTP " + status + ")");
            }
            served.add(r);
            for (DynamicKubernetesObject item : response.getObject().getItems()) {
                bind(r, item).ifPresent(objects::add);
            }
        }
        return new Snapshot(objects, notes);
    }

    /** Binds one listed or watched item; list items often lack apiVersion and kind, the resource gives them. */
    public static Optional<KubernetesObject> bind(WatchedResource r, DynamicKubernetesObject item) {
        try {
            ObjectNode node = GsonTrees.object(item.getRaw());
            node.put("apiVersion", r.apiVersion());
            node.put("kind", r.kind());
            return ObjectBinding.bind(node);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The innermost cause's message (or its class name): what went wrong, without the wrapping. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
