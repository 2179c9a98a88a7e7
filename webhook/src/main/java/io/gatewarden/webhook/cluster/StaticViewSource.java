package io.gatewarden.webhook.cluster;

import io.gatewarden.model.k8s.KubernetesObject;
import java.util.List;

/**
 * A view without a cluster behind it: empty, or loaded once from manifests ({@code --state-from}) — and, when it
 * learns admissions (source {@code ADMITTED}, the local stack), also every object this webhook allows, taken to
 * be stored as the API server would store it. Never learning for a real cluster, where an object can still be
 * refused after this webhook allowed it: informers see what was really stored.
 */
public final class StaticViewSource implements ClusterViewSource {

    private final IndexedClusterView view;
    private final String description;
    private final boolean learnsAdmissions;

    public StaticViewSource(List<KubernetesObject> objects, String description) {
        this(objects, description, false);
    }

    public StaticViewSource(List<KubernetesObject> objects, String description, boolean learnsAdmissions) {
        this.view = IndexedClusterView.of(objects);
        this.description = description;
        this.learnsAdmissions = learnsAdmissions;
    }

    @Override
    public boolean learnsAdmissions() {
        return learnsAdmissions;
    }

    @Override
    public void admitted(KubernetesObject stored, KubernetesObject old) {
        if (!learnsAdmissions) {
            return;
        }
        if (old != null) {
            view.remove(old);
        }
        if (stored != null) {
            view.put(stored);
        }
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
