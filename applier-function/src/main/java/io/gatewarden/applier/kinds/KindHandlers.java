package io.gatewarden.applier.kinds;

import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.ShardPlanner;
import io.gatewarden.applier.allocation.VipAllocator;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.realize.Realizer;
import io.gatewarden.applier.store.AllocationStore;
import io.gatewarden.model.k8s.KubernetesObject;
import java.util.List;

/** The handler of every kind the applier serves; the first that handles an object handles it. */
public final class KindHandlers {

    private final List<KindHandler> handlers;

    public KindHandlers(AllocationStore allocations, PoolResolver pools, ShardPlanner shards,
            ApplierConfiguration config, Realizer realizer) {
        VipAllocator allocator = new VipAllocator(allocations);
        this.handlers = List.of(new AviGatewayKind(allocator, pools, realizer),
                new GatewayApiKind(allocator, pools, realizer), new ServiceKind(allocator, pools, realizer),
                new RouteKind(), new IngressKind(allocator, pools, shards, config), new LookupKind());
    }

    /** The handler of {@code o}; {@link LookupKind} serves what no other does. */
    public KindHandler of(KubernetesObject o) {
        for (KindHandler h : handlers) {
            if (h.handles(o)) {
                return h;
            }
        }
        throw new IllegalStateException("no handler for " + o.kind()); // LookupKind handles everything
    }
}
