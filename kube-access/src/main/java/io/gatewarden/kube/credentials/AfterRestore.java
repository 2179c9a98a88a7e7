package io.gatewarden.kube.credentials;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.credentials.RefreshAuthentication;
import java.time.Instant;
import okhttp3.Interceptor;

/**
 * What a Kubernetes client must drop when a process resumes from a snapshot (Lambda SnapStart, CRaC): the pooled
 * connections, whose sockets died with the checkpointed process, and a cached EKS token signed at checkpoint time
 * (valid 15 minutes; a snapshot is restored hours or days later). The next request then connects and signs afresh.
 */
public final class AfterRestore {

    private AfterRestore() {
    }

    public static void refresh(ApiClient client) {
        client.getHttpClient().connectionPool().evictAll();
        for (Interceptor i : client.getHttpClient().interceptors()) {
            if (i instanceof RefreshAuthentication refreshing) {
                refreshing.setExpiry(Instant.EPOCH); // renewed on the next request
            }
        }
    }
}
