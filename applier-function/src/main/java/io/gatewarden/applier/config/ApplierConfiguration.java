package io.gatewarden.applier.config;

import io.gatewarden.model.lb.ShardSizes;
import io.gatewarden.kube.credentials.ClusterAccessSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settings of the applier function ({@code gatewarden.applier.*}); environment: {@code GATEWARDEN_APPLIER_*}. */
@ConfigurationProperties(ApplierConfiguration.PREFIX)
public class ApplierConfiguration extends ClusterAccessSettings {

    public static final String PREFIX = "gatewarden.applier";
    public static final String DEFAULT_TABLE = "gatewarden-allocations";
    public static final String DEFAULT_SHARD_SIZE = ShardSizes.DEFAULT;

    /** How Ingress hosts are placed on shards. */
    public enum Placement { HASH, LEAST_LOADED }

    private String table = DEFAULT_TABLE;
    private List<String> defaultPools = new ArrayList<>();
    private Map<String, List<String>> classPools = new HashMap<>();
    private String defaultShardSize = DEFAULT_SHARD_SIZE;
    private Placement placement = Placement.HASH;
    private String cluster = "default";
    private java.time.Duration reconcileGrace = java.time.Duration.ofMinutes(5);
    private boolean kubernetesEnabled = true;
    private java.time.Duration readWait = java.time.Duration.ofSeconds(2);
    private String buildQueueUrl;

    /**
     * The FIFO queue build jobs of Ingress shards and dedicated hosts go to: the change queue the applier reads
     * (its URL, {@code GATEWARDEN_APPLIER_BUILD_QUEUE_URL} in Lambda). Unset: each child builds its parent at once,
     * under a lease, with no coalescing (tests, a single applier).
     */
    public String getBuildQueueUrl() {
        return buildQueueUrl;
    }

    public void setBuildQueueUrl(String buildQueueUrl) {
        this.buildQueueUrl = buildQueueUrl;
    }

    /**
     * How long the applier keeps re-reading an object whose event says it exists but the API does not have yet
     * (the webhook publishes before the API server stores it), or says it is deleted but the API still has it
     * (default 2 s). Then the API's answer stands: a forged or denied change comes to nothing.
     */
    public java.time.Duration getReadWait() {
        return readWait;
    }

    public void setReadWait(java.time.Duration readWait) {
        this.readWait = readWait;
    }

    /**
     * Whether the applier talks to the Kubernetes API (default true). It is the applier's source of truth: with it
     * off, every event finds its object absent. Off only for tests of allocation alone.
     */
    public boolean isKubernetesEnabled() {
        return kubernetesEnabled;
    }

    public void setKubernetesEnabled(boolean kubernetesEnabled) {
        this.kubernetesEnabled = kubernetesEnabled;
    }

    /**
     * The cluster this applier's reconcile reads and whose name prefixes load-balancer object names (default
     * "default", the webhook's cluster-name; must match {@code ^[a-zA-Z0-9-_]*$}).
     */
    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    /** An address whose object is gone is released only when its last event is older than this (default 5m). */
    public java.time.Duration getReconcileGrace() {
        return reconcileGrace;
    }

    public void setReconcileGrace(java.time.Duration reconcileGrace) {
        this.reconcileGrace = reconcileGrace;
    }

    /** DynamoDB table name (default {@value #DEFAULT_TABLE}). */
    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    /** CIDRs for LoadBalancer Services and Gateways whose infra setting names no VIP network. Empty by default. */
    public List<String> getDefaultPools() {
        return defaultPools;
    }

    public void setDefaultPools(List<String> defaultPools) {
        this.defaultPools = defaultPools;
    }

    /**
     * CIDRs per GatewayClass name or loadBalancerClass, for LoxiLB (which has no AviInfraSetting), e.g.
     * {@code gatewarden.applier.class-pools.test-gc: [192.168.80.0/24]}. Empty by default.
     */
    public Map<String, List<String>> getClassPools() {
        return classPools;
    }

    public void setClassPools(Map<String, List<String>> classPools) {
        this.classPools = classPools;
    }

    /** Shard size when the infra setting gives none (AKO's default, LARGE). */
    public String getDefaultShardSize() {
        return defaultShardSize;
    }

    public void setDefaultShardSize(String defaultShardSize) {
        this.defaultShardSize = defaultShardSize;
    }

    /** HASH (AKO's rule, default) or LEAST_LOADED. */
    public Placement getPlacement() {
        return placement;
    }

    public void setPlacement(Placement placement) {
        this.placement = placement;
    }
}
