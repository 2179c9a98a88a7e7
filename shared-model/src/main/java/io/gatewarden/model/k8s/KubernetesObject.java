package io.gatewarden.model.k8s;

/** What every Kubernetes object has: apiVersion, kind and metadata. */
public interface KubernetesObject {
    String apiVersion();

    String kind();

    ObjectMeta metadata();

    /** Name, or empty when metadata or name is missing (the manifest parser reports that). */
    default String name() {
        return metadata() == null || metadata().name() == null ? "" : metadata().name();
    }

    /** Namespace as written; null when unset. */
    default String namespace() {
        return metadata() == null ? null : metadata().namespace();
    }
}
