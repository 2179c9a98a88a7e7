package io.gatewarden.webhook.policy;

import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.webhook.cluster.ClusterView;

/**
 * The rules for one kind. Implementations look up other objects only through the {@link ClusterView} and its
 * indexes, never by scanning every object.
 */
public interface Policy<T extends KubernetesObject> {

    /** The record this policy checks. */
    Class<T> type();

    void check(T object, ClusterView view, Findings out);
}
