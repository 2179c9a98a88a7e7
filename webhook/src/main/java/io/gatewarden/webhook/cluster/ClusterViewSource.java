package io.gatewarden.webhook.cluster;

/** Supplies the current cluster view; admission never waits on it for a remote call. */
public interface ClusterViewSource {

    ClusterView view();

    /** True once the view holds the cluster's state (readiness). */
    boolean synced();

    /** Short description for logs and metrics, e.g. "informers (9 of 12 resources served)". */
    String describe();

    /**
     * An object was admitted (allowed, not a dry run): sources that have no cluster to watch learn it here.
     *
     * @param stored the object as stored, or null when it was deleted
     * @param old    the object before, or null when it was created
     */
    default void admitted(io.gatewarden.model.k8s.KubernetesObject stored, io.gatewarden.model.k8s.KubernetesObject old) {
    }
}
