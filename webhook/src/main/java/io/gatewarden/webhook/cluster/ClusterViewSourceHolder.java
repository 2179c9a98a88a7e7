package io.gatewarden.webhook.cluster;

import io.gatewarden.model.k8s.KubernetesObject;

/** The configured {@link ClusterViewSource}, closed with the application. */
public final class ClusterViewSourceHolder implements ClusterViewSource, AutoCloseable {

    private final ClusterViewSource delegate;

    public ClusterViewSourceHolder(ClusterViewSource delegate) {
        this.delegate = delegate;
    }

    /** After a snapshot restore: a read-through view is read again now ({@link ApiViewSource#renew()}). */
    public void afterRestore() {
        if (delegate instanceof ApiViewSource api) {
            api.renew();
        }
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
    public java.util.Optional<String> incompleteReason() {
        return delegate.incompleteReason();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public boolean learnsAdmissions() {
        return delegate.learnsAdmissions();
    }

    @Override
    public void admitted(KubernetesObject stored, KubernetesObject old) {
        delegate.admitted(stored, old);
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable c) {
            c.close();
        }
    }
}
