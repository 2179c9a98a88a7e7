package io.gatewarden.applier.allocation;

import io.gatewarden.model.lb.Conventions;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.addresses.VipPool;

import io.gatewarden.applier.cluster.ClusterReader;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.gateway.v1alpha1.GatewayClass;
import io.gatewarden.model.k8s.IngressClass;
import io.gatewarden.model.k8s.KubernetesObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds an object's VIP pools from the classes and settings the Kubernetes API holds now: Gateway → GatewayClass → AviInfraSetting vipNetworks, Service → its infra-setting annotation,
 * Ingress → IngressClass → AviInfraSetting; LoxiLB classes → configured class pools; else default pools.
 */
public class PoolResolver {


    private final ClusterReader kube;
    private final ApplierConfiguration config;

    public PoolResolver(ClusterReader kube, ApplierConfiguration config) {
        this.kube = kube;
        this.config = config;
    }

    public List<VipPool> forAviGateway(String cluster, String className) {
        GatewayClass gc = recorded(cluster, GatewayClass.class, "GatewayClass.networking.x-k8s.io", className);
        String setting = gc.spec() == null || gc.spec().parametersRef() == null ? null : gc.spec().parametersRef().name();
        return forInfraSetting(cluster, setting, "GatewayClass " + className);
    }

    public List<VipPool> forGatewayApi(String cluster, String className) {
        io.gatewarden.model.gateway.v1.GatewayClass gc = recorded(cluster, io.gatewarden.model.gateway.v1.GatewayClass.class,
                "GatewayClass.gateway.networking.k8s.io", className);
        if (Conventions.LOXILB_CONTROLLER.equals(gc.controllerName()) || config.getClassPools().containsKey(className)) {
            return pools(config.getClassPools().get(className), "no pool configured for GatewayClass " + className
                    + " (gatewarden.applier.class-pools." + className + ")");
        }
        String setting = gc.spec().parametersRef() == null ? null : gc.spec().parametersRef().name();
        return forInfraSetting(cluster, setting, "GatewayClass " + className);
    }

    public List<VipPool> forService(String cluster, String loadBalancerClass, String infraSetting) {
        if (loadBalancerClass != null && !loadBalancerClass.isEmpty() && !Conventions.AVI_CONTROLLER.equals(loadBalancerClass)) {
            return pools(config.getClassPools().get(loadBalancerClass), "no pool configured for loadBalancerClass "
                    + loadBalancerClass);
        }
        return forInfraSetting(cluster, infraSetting, "the Service");
    }

    /** The AviInfraSetting of that name, or null when none is named or the cluster has none. */
    public AviInfraSetting settingNamed(String cluster, String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        try {
            return recorded(cluster, AviInfraSetting.class, "AviInfraSetting.ako.vmware.com", name);
        } catch (PoolsUnresolvedException unknown) {
            return null;
        }
    }

    /** The AviInfraSetting a services-API GatewayClass points at (null when none). */
    public AviInfraSetting settingOfAviGateway(String cluster, String className) {
        GatewayClass gc = recorded(cluster, GatewayClass.class, "GatewayClass.networking.x-k8s.io", className);
        return settingNamed(cluster, gc.spec() == null || gc.spec().parametersRef() == null ? null
                : gc.spec().parametersRef().name());
    }

    /** Whether a Gateway API class belongs to LoxiLB (by controllerName, or a configured class pool). */
    public boolean isLoxiLbClass(String cluster, String className) {
        io.gatewarden.model.gateway.v1.GatewayClass gc = recorded(cluster,
                io.gatewarden.model.gateway.v1.GatewayClass.class, "GatewayClass.gateway.networking.k8s.io", className);
        return Conventions.LOXILB_CONTROLLER.equals(gc.controllerName());
    }

    /** Whether a Service's loadBalancerClass is LoxiLB's. */
    public static boolean isLoxiLbServiceClass(String loadBalancerClass) {
        return Conventions.LOXILB_CONTROLLER.equals(loadBalancerClass);
    }

    /** The AviInfraSetting of an IngressClass (null when the class has none). */
    public AviInfraSetting settingOfIngressClass(String cluster, String className) {
        IngressClass ic = recorded(cluster, IngressClass.class, "IngressClass.networking.k8s.io", className);
        String name = ic.spec() == null || ic.spec().parameters() == null ? null : ic.spec().parameters().name();
        return name == null ? null : recorded(cluster, AviInfraSetting.class, "AviInfraSetting.ako.vmware.com", name);
    }

    public List<VipPool> forInfraSetting(String cluster, String setting, String who) {
        if (setting == null) {
            return pools(config.getDefaultPools(), who + " names no AviInfraSetting and no default pool is configured "
                    + "(gatewarden.applier.default-pools)");
        }
        return forSetting(recorded(cluster, AviInfraSetting.class, "AviInfraSetting.ako.vmware.com", setting));
    }

    public List<VipPool> forSetting(AviInfraSetting s) {
        List<String> cidrs = new ArrayList<>();
        s.vipNetworks().forEach(v -> {
            if (v.cidr() != null) {
                cidrs.add(v.cidr());
            }
        });
        s.vipNetworks().forEach(v -> {
            if (v.v6cidr() != null) {
                cidrs.add(v.v6cidr());
            }
        });
        if (cidrs.isEmpty()) {
            return pools(config.getDefaultPools(), "AviInfraSetting " + s.name() + " lists no VIP CIDR and no default "
                    + "pool is configured (gatewarden.applier.default-pools)");
        }
        return pools(cidrs, "AviInfraSetting " + s.name() + " lists no valid VIP CIDR");
    }

    private static List<VipPool> pools(List<String> cidrs, String whenNone) {
        List<VipPool> pools = cidrs == null ? List.of()
                : cidrs.stream().map(VipPool::of).flatMap(Optional::stream).toList();
        if (pools.isEmpty()) {
            throw new PoolsUnresolvedException(whenNone);
        }
        return pools;
    }

    private <T extends KubernetesObject> T recorded(String cluster, Class<T> type, String kind, String name) {
        if (name == null || name.isEmpty()) {
            throw new PoolsUnresolvedException("no " + kind.substring(0, kind.indexOf('.')) + " named");
        }
        OwnerKey key = new OwnerKey(cluster, kind, null, name);
        return kube.get(key).filter(type::isInstance).map(type::cast)
                .orElseThrow(() -> new PoolsUnresolvedException(kind.substring(0, kind.indexOf('.')) + " " + name
                        + " does not exist in the cluster", key));
    }
}
