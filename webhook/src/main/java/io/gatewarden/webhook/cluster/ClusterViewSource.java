package io.gatewarden.webhook.cluster;

/** Supplies the current cluster view; admission never waits on it for a remote call. */
public interface ClusterViewSource {

    ClusterView view();

    /** True once the view holds the cluster's state (readiness). */
    boolean synced();

    /** Short description for logs and metrics, e.g. "informers (9 of 12 resources served)". */
    String describe();
}
