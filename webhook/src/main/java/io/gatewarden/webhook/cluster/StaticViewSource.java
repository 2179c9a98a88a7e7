package io.gatewarden.webhook.cluster;

import io.gatewarden.model.k8s.KubernetesObject;
import java.util.List;

/** A view that never changes: empty, or loaded once from manifests ({@code --state-from}). */
public final class StaticViewSource implements ClusterViewSource {

    private final IndexedClusterView view;
    private final String description;

    public StaticViewSource(List<KubernetesObject> objects, String description) {
        this.view = IndexedClusterView.of(objects);
        this.description = description;
    }

    @Override
    public ClusterView view() {
        return view;
    }

    @Override
    public boolean synced() {
        return true;
    }

    @Override
    public String describe() {
        return description + " (" + view.size() + " objects)";
    }
}
