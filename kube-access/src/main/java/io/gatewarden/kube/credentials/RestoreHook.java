package io.gatewarden.kube.credentials;

import org.crac.Core;
import org.crac.Resource;

/**
 * Runs an action after a process resumes from a snapshot (Lambda SnapStart, CRaC), registered on construction.
 * Nothing is closed before the checkpoint: what died with it (sockets, signed tokens) is dropped after the restore.
 * CRaC holds resources weakly, so whoever creates the hook keeps it; a JVM without CRaC never calls it.
 */
public final class RestoreHook implements Resource {

    private final Runnable afterRestore;

    public RestoreHook(Runnable afterRestore) {
        this.afterRestore = afterRestore;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // nothing: see the class comment
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        afterRestore.run();
    }
}
