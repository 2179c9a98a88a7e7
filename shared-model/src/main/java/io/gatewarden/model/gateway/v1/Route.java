package io.gatewarden.model.gateway.v1;

import io.gatewarden.model.k8s.KubernetesObject;
import java.util.List;

/** What TCPRoute, UDPRoute and HTTPRoute share: parents and, per rule, backends. */
public interface Route extends KubernetesObject {

    List<ParentReference> parentRefs();

    /** backendRefs of each rule, in rule order (an empty list for a rule without backends). */
    List<List<BackendRef>> backendRefsByRule();
}
