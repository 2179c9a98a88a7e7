package io.gatewarden.applier.handler;

import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.kube.LiveCluster;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;

/**
 * The scheduled reconcile (EventBridge rule → this Lambda): reads the live objects through the Kubernetes
 * API ({@code gatewarden.applier.kubeconfig}) and repairs the allocations ({@link Reconciler}).
 */
public class ReconcileHandler extends MicronautRequestHandler<Map<String, Object>, Reconciler.Report> {

    @Inject
    Reconciler reconciler;

    @Inject
    ApplierConfiguration config;

    public ReconcileHandler() {
        super();
    }

    public ReconcileHandler(io.micronaut.context.ApplicationContext context) {
        super(context);
    }

    @Override
    public Reconciler.Report execute(Map<String, Object> scheduledEvent) {
        Path kubeconfig = config.getKubeconfig() == null ? null : Path.of(config.getKubeconfig());
        LiveCluster.Snapshot snapshot = LiveCluster.fromKubeconfig(kubeconfig).read();
        return reconciler.reconcile(config.getCluster(), snapshot.objects());
    }
}
