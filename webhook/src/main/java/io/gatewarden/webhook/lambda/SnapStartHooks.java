package io.gatewarden.webhook.lambda;

import io.gatewarden.kube.credentials.RestoreHook;
import io.gatewarden.webhook.cluster.ClusterViewSourceHolder;
import io.micronaut.context.annotation.Context;

/**
 * Lambda SnapStart: after a restore the cluster view, taken when the function was checkpointed, is read again with
 * fresh connections and tokens before the first review. The SDK's SQS client needs nothing: a pooled connection that
 * died with the checkpoint fails and is retried on a new one, and credentials come from the restored environment.
 */
@Context
public class SnapStartHooks {

    private final RestoreHook hook;

    public SnapStartHooks(ClusterViewSourceHolder view) {
        this.hook = new RestoreHook(view::afterRestore);
    }

    RestoreHook hook() {
        return hook;
    }
}
