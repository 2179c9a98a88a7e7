package io.gatewarden.applier.wiring;

import io.gatewarden.applier.cluster.KubernetesAccess;
import io.gatewarden.kube.credentials.AfterRestore;
import io.gatewarden.kube.credentials.RestoreHook;
import io.micronaut.context.annotation.Context;
import jakarta.inject.Provider;

/**
 * Lambda SnapStart: after a restore the Kubernetes client drops the connections and the EKS token it held at
 * checkpoint time ({@link AfterRestore}). The applier caches no cluster state between events (it re-reads every
 * object), the SDK clients retry a pooled connection that died with the checkpoint on a new one, credentials come
 * from the restored environment, and the controller clients log in again on a 401.
 */
@Context
public class SnapStartHooks {

    @SuppressWarnings({"unused", "FieldCanBeLocal"}) // CRaC holds resources weakly: this bean keeps the hook alive
    private final RestoreHook hook;

    /** A provider: registering the hook must not reach the cluster at start-up. */
    public SnapStartHooks(Provider<KubernetesAccess> kube) {
        this.hook = new RestoreHook(() -> kube.get().client().ifPresent(AfterRestore::refresh));
    }
}
