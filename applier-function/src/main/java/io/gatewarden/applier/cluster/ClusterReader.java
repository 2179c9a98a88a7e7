package io.gatewarden.applier.cluster;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.model.k8s.KubernetesObject;
import java.util.List;
import java.util.Optional;

/**
 * The truth the applier acts on: objects as the Kubernetes API holds them now. Events only say where to look.
 * Kinds are named as in {@link OwnerKey#kind()}: {@code Kind} for the core group, else {@code Kind.group}, any
 * served version.
 */
public interface ClusterReader {

    /** No cluster: every object is absent (an applier without Kubernetes access changes nothing). */
    ClusterReader ABSENT = new ClusterReader() {
        @Override
        public Optional<KubernetesObject> get(OwnerKey key) {
            return Optional.empty();
        }

        @Override
        public List<KubernetesObject> list(String kind, String labelSelector) {
            return List.of();
        }
    };

    /**
     * The object now, or empty when the API does not have it (404, or its resource is not served).
     *
     * @throws ClusterReadException on anything else (unreachable, 401, 403, 5xx): nothing may be concluded
     */
    Optional<KubernetesObject> get(OwnerKey key);

    /**
     * Every object of a kind in all namespaces, filtered by a label selector when one is given; empty when the
     * resource is not served.
     *
     * @throws ClusterReadException as {@link #get}
     */
    List<KubernetesObject> list(String kind, String labelSelector);
}
