package io.gatewarden.applier.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.applier.addresses.VipPool;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.ShardPlanner;
import io.gatewarden.applier.allocation.VipAllocator;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.outcome.Change;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.k8s.Ingress;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.lb.ShardSizes;
import io.gatewarden.model.manifest.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An Ingress of an Avi IngressClass: each host is placed on a shard of its AviInfraSetting (AKO's hash) or on a
 * dedicated virtual service, and each shard or dedicated host gets its VIP once. The Ingress is {@code Allocated}
 * until a build of its shard shows it Applied, with its VIPs in status. An Ingress of any other class is only
 * recorded (it may have left Avi's classes: the shards it was on are rebuilt without it).
 */
final class IngressKind implements KindHandler {

    private final VipAllocator allocator;
    private final PoolResolver pools;
    private final ShardPlanner shards;
    private final ApplierConfiguration config;

    IngressKind(VipAllocator allocator, PoolResolver pools, ShardPlanner shards, ApplierConfiguration config) {
        this.allocator = allocator;
        this.pools = pools;
        this.shards = shards;
        this.config = config;
    }

    @Override
    public boolean handles(KubernetesObject o) {
        return o instanceof Ingress;
    }

    @Override
    public boolean settledByParentBuilds() {
        return true;
    }

    @Override
    public Outcome handle(Change change) {
        Ingress ing = (Ingress) change.object();
        String cluster = change.owner().cluster();
        String cls = ing.spec() == null ? null : ing.spec().ingressClassName();
        AviInfraSetting setting = cls == null ? null : pools.settingOfIngressClass(cluster, cls); // unknown: Pending
        if (setting == null) {
            return Outcome.placed(Outcome.Status.RECORDED, null, List.of());
        }
        List<VipPool> p = pools.forSetting(setting);
        String size = setting.shardSize() == null ? config.getDefaultShardSize() : setting.shardSize();
        ObjectNode detail = Json.mapper().createObjectNode();
        List<OwnerKey> parents = new ArrayList<>();
        for (String host : hosts(ing)) {
            ObjectNode h = detail.putObject(host);
            OwnerKey parent;
            if (ShardSizes.DEDICATED.equals(size)) {
                parent = OwnerKey.host(cluster, setting.name(), host);
                h.put("vip", allocator.allocate(parent, p, null).address());
                h.put("shard", "dedicated");
            } else {
                int count = ShardSizes.shards(size).or(() -> ShardSizes.shards(config.getDefaultShardSize()))
                        .orElseThrow();
                int shard = shards.place(cluster, setting.name(), host, count);
                parent = OwnerKey.shard(cluster, setting.name(), shard);
                h.put("shard", shard);
                h.put("vip", allocator.allocate(parent, p, null).address());
            }
            if (!parents.contains(parent)) {
                parents.add(parent);
            }
        }
        return Outcome.placed(Outcome.Status.ALLOCATED, detail.toString(), parents);
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
}
