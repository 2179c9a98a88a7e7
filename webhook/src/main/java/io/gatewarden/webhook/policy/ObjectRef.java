package io.gatewarden.webhook.policy;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.model.k8s.KubernetesObject;

/** Which object a finding is about; namespace is null for cluster-scoped kinds. */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    public static ObjectRef of(KubernetesObject o) {
        return new ObjectRef(o.apiVersion(), o.kind(), Conventions.namespaceOf(o), o.name());
    }

    /** Same kind, namespace and name: versions of one object are one object. */
    public boolean sameObjectAs(ObjectRef other) {
        return kind.equals(other.kind) && java.util.Objects.equals(namespace, other.namespace)
                && name.equals(other.name);
    }

    /** {@code Kind namespace/name}, or {@code Kind name} when cluster-scoped. */
    @Override
    public String toString() {
        return kind + " " + (namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }
}
