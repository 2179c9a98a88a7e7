package io.gatewarden.webhook.cluster;

import io.gatewarden.model.k8s.KubernetesObject;

/** Supplies the current cluster view; admission never waits on it for a remote call. */
public interface ClusterViewSource {

    ClusterView view();

    /** True once the view holds the cluster's state (readiness). */
    boolean synced();

    /** Why the view is not (yet) the cluster's state, for logs and admission warnings; empty once synced. */
    default java.util.Optional<String> incompleteReason() {
        return synced() ? java.util.Optional.empty() : java.util.Optional.of("the cluster view has not synced yet");
    }

    /** Short description for logs and metrics, e.g. "informers (9 of 12 resources served)". */
    String describe();

    /** Whether {@link #admitted} means anything to this source (only sources without a cluster behind them). */
    default boolean learnsAdmissions() {
        return false;
    }

    /**
     * An object was admitted (allowed, not a dry run): sources that have no cluster to watch learn it here.
     *
     * @param stored the object as stored, or null when it was deleted
     * @param old    the object before, or null when it was created
     */
    default void admitted(KubernetesObject stored, KubernetesObject old) {
    }
}
