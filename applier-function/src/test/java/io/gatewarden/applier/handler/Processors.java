package io.gatewarden.applier.handler;

import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.ShardPlanner;
import io.gatewarden.applier.build.BuildQueue;
import io.gatewarden.applier.build.ParentBuilds;
import io.gatewarden.applier.cluster.ClusterReader;
import io.gatewarden.applier.store.DynamoGenerationStore;
import io.gatewarden.applier.store.DynamoNameStore;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.dispatch.OutcomeWriter;
import io.gatewarden.applier.kinds.KindHandlers;
import io.gatewarden.applier.realize.LoadBalancers;
import io.gatewarden.applier.realize.MemberSource;
import io.gatewarden.applier.realize.Realizer;
import io.gatewarden.applier.realize.StaticMembers;
import io.gatewarden.applier.status.StatusReporter;
import io.gatewarden.applier.store.DynamoAllocationStore;
import io.gatewarden.applier.store.DynamoLinkStore;
import io.gatewarden.applier.store.DynamoLockStore;
import io.gatewarden.applier.store.DynamoShardStore;
import io.gatewarden.applier.store.DynamoStateStore;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Processors wired as the factory wires them, on one table of DynamoDB Local, reading the given cluster. */
final class Processors {

    private Processors() {
    }

    static ChangeProcessor wired(DynamoDbClient ddb, String table, ApplierConfiguration config, LoadBalancers lbs,
            MemberSource members, StatusReporter status, ClusterReader kube) {
        return wired(ddb, table, config, lbs, members, status, kube, null);
    }

    /** On in-memory stores (orchestration tests without DynamoDB Local); parents built at once. */
    static ChangeProcessor inMemory(io.gatewarden.applier.store.InMemoryTable table, ApplierConfiguration config,
            ClusterReader kube) {
        var states = table.states();
        var allocations = table.allocations();
        PoolResolver pools = new PoolResolver(kube, config);
        Realizer realizer = new Realizer(kube, table.shards(), allocations, pools, new StaticMembers(List.of()),
                LoadBalancers.NONE, table.locks(), table.names());
        OutcomeWriter writer = new OutcomeWriter(states, allocations, StatusReporter.NONE);
        ParentBuilds builds = new ParentBuilds(table.generations(), realizer, pools, writer, allocations, null);
        KindHandlers kinds = new KindHandlers(allocations, pools, new ShardPlanner(table.shards(),
                config.getPlacement()), config, realizer);
        return new ChangeProcessor(states, kinds, writer, config, table.links(), realizer, kube, builds.inline());
    }

    /** With {@code queue} null, parents are built at once (inline); else their build jobs go to {@code queue}. */
    static ChangeProcessor wired(DynamoDbClient ddb, String table, ApplierConfiguration config, LoadBalancers lbs,
            MemberSource members, StatusReporter status, ClusterReader kube, BuildQueue queue) {
        return wired(ddb, table, config, lbs, members, status, kube, queue, s -> s);
    }

    /** {@code decorate} wraps the state store every part writes through (fault injection). */
    static ChangeProcessor wired(DynamoDbClient ddb, String table, ApplierConfiguration config, LoadBalancers lbs,
            MemberSource members, StatusReporter status, ClusterReader kube, BuildQueue queue,
            java.util.function.UnaryOperator<io.gatewarden.applier.store.StateStore> decorate) {
        io.gatewarden.applier.store.StateStore states = decorate.apply(new DynamoStateStore(ddb, table));
        DynamoAllocationStore allocations = new DynamoAllocationStore(ddb, table);
        DynamoLinkStore links = new DynamoLinkStore(ddb, table);
        DynamoShardStore shards = new DynamoShardStore(ddb, table);
        PoolResolver pools = new PoolResolver(kube, config);
        Realizer realizer = new Realizer(kube, shards, allocations, pools, members, lbs,
                new DynamoLockStore(ddb, table, Clock.systemUTC()), new DynamoNameStore(ddb, table));
        OutcomeWriter writer = new OutcomeWriter(states, allocations, status);
        ParentBuilds builds = new ParentBuilds(new DynamoGenerationStore(ddb, table), realizer, pools, writer,
                allocations, queue);
        KindHandlers kinds = new KindHandlers(allocations, pools, new ShardPlanner(shards, config.getPlacement()),
                config, realizer);
        return new ChangeProcessor(states, kinds, writer, config, links, realizer, kube,
                queue == null ? builds.inline() : builds);
    }
}
