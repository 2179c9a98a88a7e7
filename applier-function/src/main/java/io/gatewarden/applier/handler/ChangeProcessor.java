package io.gatewarden.applier.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.allocation.OwnerKey;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.ShardPlanner;
import io.gatewarden.applier.allocation.VipAllocator;
import io.gatewarden.applier.allocation.VipPool;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.store.AllocationStore;
import io.gatewarden.applier.store.Lease;
import io.gatewarden.applier.store.StateStore;
import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.k8s.Ingress;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.model.manifest.ObjectBinding;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one {@link ChangeEvent}: records it (skipping duplicates and older events), then gives Gateways and
 * LoadBalancer Services their VIP, places Ingress hosts on shards, releases on delete, and records everything
 * else for later lookups. An object that cannot get a VIP now (pool exhausted, address taken, class unknown)
 * is recorded Pending with the reason — not an error, so no retry storm; the reconcile re-drives it.
 * Infrastructure errors (DynamoDB) propagate so the message is retried.
 */
public class ChangeProcessor {

    /** What happened to an event. */
    public enum Outcome { APPLIED, PENDING, SKIPPED }

    private final StateStore states;
    private final AllocationStore allocations;
    private final VipAllocator allocator;
    private final PoolResolver pools;
    private final ShardPlanner shards;
    private final ApplierConfiguration config;

    public ChangeProcessor(StateStore states, AllocationStore allocations, PoolResolver pools, ShardPlanner shards,
            ApplierConfiguration config) {
        this.states = states;
        this.allocations = allocations;
        this.allocator = new VipAllocator(allocations);
        this.pools = pools;
        this.shards = shards;
        this.config = config;
    }

    /** The owner key of an event's object: kind qualified by group, so v1alpha1 and v1 Gateways never mix. */
    public static OwnerKey ownerOf(ChangeEvent e) {
        String kind = e.group() == null || e.group().isEmpty() ? e.kind() : e.kind() + "." + e.group();
        return new OwnerKey(e.clusterName(), kind, e.namespace(), e.name());
    }

    public Outcome process(ChangeEvent e) {
        if (e.schemaVersion() > ChangeEvent.SCHEMA_VERSION) {
            throw new MalformedEventException("event " + e.eventId() + " has schema version " + e.schemaVersion()
                    + "; this applier reads up to " + ChangeEvent.SCHEMA_VERSION);
        }
        OwnerKey owner = ownerOf(e);
        if (!states.recordIfNewer(owner, e)) {
            return Outcome.SKIPPED;
        }
        if (e.operation() == ChangeEvent.Operation.DELETE) {
            allocations.release(owner);
            ObjectBinding.bind(e.oldObject()).filter(Ingress.class::isInstance)
                    .ifPresent(old -> releaseDedicatedHosts(e.clusterName(), (Ingress) old));
            states.setOutcome(owner, "Deleted", null, null, true);
            return Outcome.APPLIED;
        }
        Optional<KubernetesObject> typed = ObjectBinding.bind(e.object());
        try {
            if (typed.orElse(null) instanceof io.gatewarden.model.gateway.v1alpha1.Gateway gw) {
                return allocated(owner, allocator.allocate(owner, pools.forAviGateway(e.clusterName(),
                        gw.gatewayClassName()), firstAddress(gw)));
            }
            if (typed.orElse(null) instanceof io.gatewarden.model.gateway.v1.Gateway gw) {
                return allocated(owner, allocator.allocate(owner, pools.forGatewayApi(e.clusterName(),
                        gw.gatewayClassName()), firstAddress(gw)));
            }
            if (typed.orElse(null) instanceof Service svc) {
                return service(owner, e.clusterName(), svc);
            }
            if (typed.orElse(null) instanceof Ingress ing) {
                return ingress(owner, e.clusterName(), ing);
            }
        } catch (ApplierException pending) {
            if (pending.retryable() && !(pending instanceof io.gatewarden.applier.allocation.VipPoolExhaustedException)) {
                throw pending;
            }
            states.setOutcome(owner, "Pending", pending.getMessage(), null, false);
            return Outcome.PENDING;
        }
        states.setOutcome(owner, "Recorded", null, null, false);
        return Outcome.APPLIED;
    }

    private Outcome allocated(OwnerKey owner, Lease lease) {
        states.setOutcome(owner, "Allocated", null, null, false);
        return Outcome.APPLIED;
    }

    private Outcome service(OwnerKey owner, String cluster, Service svc) {
        if (svc.isLoadBalancer()) {
            String setting = svc.metadata().annotation("aviinfrasetting.ako.vmware.com/name");
            List<VipPool> p = pools.forService(cluster, svc.spec().loadBalancerClass(), setting);
            return allocated(owner, allocator.allocate(owner, p, emptyToNull(svc.spec().loadBalancerIP())));
        }
        allocations.release(owner); // no longer a LoadBalancer: its VIP goes back
        boolean member = svc.metadata().label("ako.vmware.com/gateway-name") != null;
        states.setOutcome(owner, member ? "Member" : "Recorded", null, null, false);
        return Outcome.APPLIED;
    }

    private Outcome ingress(OwnerKey owner, String cluster, Ingress ing) {
        String cls = ing.spec() == null ? null : ing.spec().ingressClassName();
        if (cls == null) {
            states.setOutcome(owner, "Recorded", null, null, false);
            return Outcome.APPLIED;
        }
        AviInfraSetting setting = pools.settingOfIngressClass(cluster, cls);
        if (setting == null) {
            states.setOutcome(owner, "Recorded", null, null, false);
            return Outcome.APPLIED;
        }
        List<VipPool> p = pools.forSetting(setting);
        String size = setting.shardSize() == null ? config.getDefaultShardSize() : setting.shardSize();
        ObjectNode detail = Json.mapper().createObjectNode();
        for (String host : hosts(ing)) {
            ObjectNode h = detail.putObject(host);
            if ("DEDICATED".equals(size)) {
                h.put("vip", allocator.allocate(OwnerKey.host(cluster, setting.name(), host), p, null).address());
                h.put("shard", "dedicated");
            } else {
                int count = ShardPlanner.SHARDS.getOrDefault(size, ShardPlanner.SHARDS.get(config.getDefaultShardSize()));
                int shard = shards.place(cluster, setting.name(), host, count);
                h.put("shard", shard);
                h.put("vip", allocator.allocate(OwnerKey.shard(cluster, setting.name(), shard), p, null).address());
            }
        }
        states.setOutcome(owner, "Allocated", null, detail.toString(), false);
        return Outcome.APPLIED;
    }

    private void releaseDedicatedHosts(String cluster, Ingress old) {
        String cls = old.spec() == null ? null : old.spec().ingressClassName();
        if (cls == null) {
            return;
        }
        try {
            AviInfraSetting setting = pools.settingOfIngressClass(cluster, cls);
            if (setting != null && "DEDICATED".equals(setting.shardSize())) {
                hosts(old).forEach(h -> allocations.release(OwnerKey.host(cluster, setting.name(), h)));
            }
        } catch (ApplierException unknownClass) {
            // nothing was allocated for an Ingress whose class was never known
        }
    }

    private static Set<String> hosts(Ingress ing) {
        Set<String> hosts = new LinkedHashSet<>();
        ing.rules().forEach(r -> {
            if (r != null && r.host() != null) {
                hosts.add(r.host());
            }
        });
        return hosts;
    }

    private static String firstAddress(io.gatewarden.model.gateway.v1alpha1.Gateway gw) {
        return gw.addresses().stream().filter(a -> a.type() == null || "IPAddress".equals(a.type()))
                .map(io.gatewarden.model.gateway.v1alpha1.Gateway.Address::value).findFirst().orElse(null);
    }

    private static String firstAddress(io.gatewarden.model.gateway.v1.Gateway gw) {
        return gw.addresses().stream().filter(a -> "IPAddress".equals(a.typeOrDefault()))
                .map(io.gatewarden.model.gateway.v1.Gateway.Address::value).findFirst().orElse(null);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
