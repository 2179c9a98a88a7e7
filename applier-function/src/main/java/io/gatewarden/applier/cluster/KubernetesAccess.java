package io.gatewarden.applier.cluster;

import io.kubernetes.client.openapi.ApiClient;
import java.util.Optional;

/** The Kubernetes API the applier reads objects and members from and writes status to; absent when disabled. */
public record KubernetesAccess(Optional<ApiClient> client) {
}
