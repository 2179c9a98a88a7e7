package io.gatewarden.applier.kinds;

/** The owner-key kinds of the two Gateway APIs, qualified by group so the two never mix. */
final class Gateways {

    static final String V1ALPHA1 = "Gateway.networking.x-k8s.io";
    static final String V1 = "Gateway.gateway.networking.k8s.io";

    private Gateways() {
    }
}
