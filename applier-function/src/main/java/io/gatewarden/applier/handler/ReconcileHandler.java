package io.gatewarden.applier.handler;

import io.gatewarden.applier.store.DynamoAllocationStore;
import io.gatewarden.applier.metrics.ApplierMetrics;
import io.gatewarden.applier.ops.PoolReport;
import io.gatewarden.applier.ops.TableItems;
import java.util.List;
import org.slf4j.MDC;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.cluster.KubernetesAccess;
import io.gatewarden.kube.LiveCluster;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The scheduled reconcile (EventBridge rule → this Lambda): reads the live objects through the Kubernetes
 * API ({@code gatewarden.applier.kubeconfig}) and repairs the allocations ({@link Reconciler}).
 */
public class ReconcileHandler extends MicronautRequestHandler<Map<String, Object>, Reconciler.Report> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReconcileHandler.class);

    @Inject
    Reconciler reconciler;

    @Inject
    ApplierConfiguration config;

    @Inject
    DynamoDbClient ddb;

    @Inject
    KubernetesAccess kube;

    public ReconcileHandler() {
        super();
    }

    public ReconcileHandler(io.micronaut.context.ApplicationContext context) {
        super(context);
    }

    @Override
    public Reconciler.Report execute(Map<String, Object> scheduledEvent) {
        LiveCluster.Snapshot snapshot = new LiveCluster(kube.client().orElseThrow(() -> new ApplierException(
                "the reconcile reads the cluster, but gatewarden.applier.kubernetes-enabled is false"))).read();
        Reconciler.Report report = reconciler.reconcile(config.getCluster(), snapshot.objects());
        poolGauges();
        return report;
    }

    /**
     * Pool use as metrics once per reconcile run (a table scan of the pool items: not work for every event), after
     * address slots a failed claim left stranded went back to their pool's free list.
     */
    private void poolGauges() {
        try {
            PoolReport pools = PoolReport.of(TableItems.withPrefixes(ddb, config.getTable(), List.of("POOL#")));
            DynamoAllocationStore store = new DynamoAllocationStore(ddb, config.getTable());
            for (PoolReport.Pool p : pools.pools()) {
                io.gatewarden.applier.addresses.VipPool.of(p.cidr()).ifPresent(pool -> {
                    int returned = store.returnStranded(pool);
                    if (returned > 0) {
                        LOG.info("returned {} stranded address slots of pool {} to its free list", returned, p.cidr());
                    }
                });
            }
            pools.pools().forEach(p -> ApplierMetrics.current().pool(p.cidr(), p.inUse(),
                    Math.max(0, p.size() - p.inUse()), p.percent()));
        } finally {
            ApplierMetrics.current().flush(MDC.get(ApplierHandler.REQUEST_ID));
        }
    }
}
