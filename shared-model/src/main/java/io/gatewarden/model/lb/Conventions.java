package io.gatewarden.model.lb;

import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.KindRegistry;

/** Constants of the load balancers (reference sections 1, 2 and 5) and namespace defaulting. */
public final class Conventions {

    public static final String AVI_CONTROLLER = "ako.vmware.com/avi-lb";
    public static final String LOXILB_CONTROLLER = "loxilb.io/loxilb";
    public static final String AKO_GROUP = "ako.vmware.com";
    public static final String AVI_INFRA_SETTING = "AviInfraSetting";
    public static final String GATEWAY_NAME_LABEL = "ako.vmware.com/gateway-name";
    public static final String GATEWAY_NAMESPACE_LABEL = "ako.vmware.com/gateway-namespace";
    public static final String INFRA_SETTING_ANNOTATION = "aviinfrasetting.ako.vmware.com/name";
    /** Namespace assumed for namespaced objects written without one (kubectl's default context namespace). */
    public static final String DEFAULT_NAMESPACE = "default";

    private Conventions() {
    }

    /** The namespace an object lives in: as written, "default" when unset, null for cluster-scoped kinds. */
    public static String namespaceOf(KubernetesObject o) {
        if (KindRegistry.CLUSTER_SCOPED.contains(o.kind())) {
            return null;
        }
        String ns = o.namespace();
        return ns == null || ns.isEmpty() ? DEFAULT_NAMESPACE : ns;
    }

    public static String orDefault(String namespace, String fallback) {
        return namespace == null || namespace.isEmpty() ? fallback : namespace;
    }
}
