package io.gatewarden.webhook.policy;

import io.gatewarden.model.lb.ShardSizes;
import io.gatewarden.model.lb.UsableAddresses;
import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;
import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** AviInfraSetting: what AKO would mark Rejected, or accept and then fail to serve (reference section 2). */
public class AviInfraSettingPolicy implements Policy<AviInfraSetting> {

    /** Shared VIPs per shard size; DEDICATED needs one per host, so at least one. */

    @Override
    public Class<AviInfraSetting> type() {
        return AviInfraSetting.class;
    }

    @Override
    public void check(AviInfraSetting s, ClusterView view, Findings out) {
        if (s.spec() == null) {
            return;
        }
        FieldPath spec = FieldPath.root("spec");
        String shardSize = s.shardSize();
        if (shardSize != null && !ShardSizes.known(shardSize)) {
            out.add(Rule.AVI_INFRA_SHARD_SIZE, FieldError.notSupported(spec.child("l7Settings").child("shardSize"),
                    shardSize, "supported values: SMALL, MEDIUM, LARGE, DEDICATED"));
        }
        checkNetworks(s, spec.child("network"), out);
        AviInfraSetting.Network net = s.spec().network();
        if (net != null && net.bgpPeerLabels() != null && !net.bgpPeerLabels().isEmpty()
                && !Boolean.TRUE.equals(net.enableRhi())) {
            out.add(Rule.AVI_INFRA_BGP_WITHOUT_RHI, FieldError.forbidden(spec.child("network").child("bgpPeerLabels"),
                    "bgpPeerLabels select BGP peers for route health injection; set network.enableRhi: true or "
                            + "remove them"));
        }
        if (s.spec().seGroup() != null && (s.spec().seGroup().name() == null || s.spec().seGroup().name().isBlank())) {
            out.add(Rule.AVI_INFRA_SE_GROUP, FieldError.required(spec.child("seGroup").child("name"),
                    "name the Service Engine Group, or remove seGroup to use AKO's default"));
        }
        if (net != null) {
            checkListeners(net.listeners(), spec.child("network").child("listeners"), out);
        }
    }

    private void checkNetworks(AviInfraSetting s, FieldPath network, Findings out) {
        List<AviInfraSetting.VipNetwork> vips = s.vipNetworks();
        BigInteger usable = BigInteger.ZERO;
        boolean anyCidr = false;
        for (int i = 0; i < vips.size(); i++) {
            AviInfraSetting.VipNetwork v = vips.get(i);
            if (v == null) {
                continue;
            }
            FieldPath path = network.child("vipNetworks").index(i);
            if (isBlank(v.networkName()) && isBlank(v.networkUUID())) {
                out.add(Rule.AVI_INFRA_CIDR, FieldError.required(path.child("networkName"),
                        "name the VIP network (networkName) or give its networkUUID"));
            }
            usable = usable.add(cidrUsable(v.cidr(), false, path.child("cidr"), out));
            usable = usable.add(cidrUsable(v.v6cidr(), true, path.child("v6cidr"), out));
            anyCidr |= !isBlank(v.cidr()) || !isBlank(v.v6cidr());
        }
        String shardSize = s.shardSize() == null ? null : s.shardSize();
        Integer shards = ShardSizes.shards(shardSize).orElse(null);
        if (anyCidr && shards != null && usable.compareTo(BigInteger.valueOf(shards)) < 0) {
            out.add(Rule.AVI_INFRA_POOL_TOO_SMALL, FieldError.invalid(network.child("vipNetworks"), null,
                    "the VIP networks have " + usable + " usable addresses but shardSize " + shardSize + " needs "
                            + shards + " shared VIPs; widen the CIDRs or choose a smaller shardSize"));
        }
    }

    private static BigInteger cidrUsable(String cidr, boolean v6, FieldPath path, Findings out) {
        if (isBlank(cidr)) {
            return BigInteger.ZERO;
        }
        Optional<String> problem = Addresses.cidrProblem(cidr, v6);
        if (problem.isPresent()) {
            out.add(Rule.AVI_INFRA_CIDR, FieldError.invalid(path, cidr, problem.get()));
            return BigInteger.ZERO;
        }
        IPAddress block = Addresses.parseCidr(cidr).orElseThrow();
        return UsableAddresses.count(block);
    }

    private static void checkListeners(List<AviInfraSetting.Listener> listeners, FieldPath path, Findings out) {
        if (listeners == null || listeners.isEmpty()) {
            return;
        }
        boolean ssl = false;
        for (int i = 0; i < listeners.size(); i++) {
            AviInfraSetting.Listener l = listeners.get(i);
            if (l == null) {
                continue;
            }
            ssl |= Boolean.TRUE.equals(l.enableSSL());
            if (l.port() == null || l.port() < 1 || l.port() > 65535) {
                out.add(Rule.AVI_INFRA_LISTENERS, FieldError.invalid(path.index(i).child("port"), l.port(),
                        "must be between 1 and 65535"));
            }
        }
        if (!ssl) {
            out.add(Rule.AVI_INFRA_LISTENERS, FieldError.required(path, "when listeners are given, one of them "
                    + "must set enableSSL: true (e.g. port 443) or secure Ingresses have no listener"));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
