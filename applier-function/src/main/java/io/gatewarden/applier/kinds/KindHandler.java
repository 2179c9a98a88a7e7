package io.gatewarden.applier.kinds;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.outcome.Change;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.model.k8s.KubernetesObject;
import java.util.List;

/**
 * What one kind of object is to the load balancer, and what handling it comes to. A handler allocates what its
 * object needs and makes the load balancer hold it (the dependent resources), then returns an {@link Outcome}; it
 * writes no state, status or Event itself: the dispatcher does, for every kind the same way. Problems are thrown
 * as {@link io.gatewarden.applier.ApplierException}s and mapped by the dispatcher.
 */
public interface KindHandler {

    /** Whether this handler serves {@code o}. */
    boolean handles(KubernetesObject o);

    /**
     * The parents the object is a member of now (the Gateways a labelled Service or a route joins), written ahead of
     * anything applied and rebuilt after it.
     */
    default List<OwnerKey> parents(String cluster, KubernetesObject o) {
        return List.of();
    }

    /**
     * The load-balancer object of its own the object gets ({@code AVI:<name>} or {@code LOXILB:<name>}), written
     * ahead of the apply; null when it gets none.
     */
    default String realizedName(OwnerKey owner, KubernetesObject o) {
        return null;
    }

    /** Allocates what the object needs and realizes it; its parents are rebuilt by the dispatcher afterwards. */
    Outcome handle(Change change);

    /**
     * Builds the object again with the address it holds, after one of its children changed. Only parents
     * (Gateways) are rebuilt so.
     */
    default Outcome rebuild(OwnerKey owner, KubernetesObject o, String vip) {
        throw new IllegalStateException(o.kind() + " " + o.namespace() + "/" + o.name() + " is nobody's parent");
    }

    /**
     * Whether the object's load balancer no longer holds what the cluster gives now (for the reconcile). A build
     * that fails counts as drifted: re-driving it records why.
     */
    default boolean drifted(OwnerKey owner, KubernetesObject o, String vip) {
        return false;
    }

    /**
     * Whether builds of its parents settle its outcome (an Ingress on its shards): its outcome then carries its
     * placement and is written in one request, with the parents ahead.
     */
    default boolean settledByParentBuilds() {
        return false;
    }

    /** Whether other objects may be waiting for this one to be recorded (classes, infra settings). */
    default boolean awaited(KubernetesObject o) {
        return false;
    }
}
