package io.gatewarden.webhook.cluster;

/** The configured {@link ClusterViewSource}, closed with the application. */
public final class ClusterViewSourceHolder implements ClusterViewSource, AutoCloseable {

    private final ClusterViewSource delegate;

    public ClusterViewSourceHolder(ClusterViewSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public ClusterView view() {
        return delegate.view();
    }

    @Override
    public boolean synced() {
        return delegate.synced();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void admitted(io.gatewarden.model.k8s.KubernetesObject stored, io.gatewarden.model.k8s.KubernetesObject old) {
        delegate.admitted(stored, old);
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable c) {
            c.close();
        }
    }
}
