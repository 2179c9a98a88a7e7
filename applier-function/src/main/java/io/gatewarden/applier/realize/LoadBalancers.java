package io.gatewarden.applier.realize;

import io.gatewarden.applier.lbclient.LoadBalancerClient;
import java.util.Optional;

/**
 * The controllers this applier talks to. Either may be absent: objects of a load balancer without a
 * configured controller get their VIP and stay {@code Allocated}, nothing is sent anywhere.
 */
public record LoadBalancers(Optional<LoadBalancerClient> avi, Optional<LoadBalancerClient> loxilb) {

    public static final LoadBalancers NONE = new LoadBalancers(Optional.empty(), Optional.empty());

    /** Which load balancer realizes an object. */
    public enum Kind { AVI, LOXILB }

    public Optional<LoadBalancerClient> of(Kind kind) {
        return kind == Kind.AVI ? avi : loxilb;
    }
}
