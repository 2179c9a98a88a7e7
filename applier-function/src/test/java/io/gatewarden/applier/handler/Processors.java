package io.gatewarden.applier.handler;

import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.ShardPlanner;
import io.gatewarden.applier.config.ApplierConfiguration;
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

/** Processors wired as the factory wires them, on one table of DynamoDB Local. */
final class Processors {

    private Processors() {
    }

    /** No controller, no Kubernetes: VIPs and shards only. */
    static ChangeProcessor allocationOnly(DynamoDbClient ddb, String table, ApplierConfiguration config) {
        return wired(ddb, table, config, LoadBalancers.NONE, new StaticMembers(List.of()), StatusReporter.NONE);
    }

    static ChangeProcessor wired(DynamoDbClient ddb, String table, ApplierConfiguration config, LoadBalancers lbs,
            MemberSource members, StatusReporter status) {
        DynamoStateStore states = new DynamoStateStore(ddb, table);
        DynamoAllocationStore allocations = new DynamoAllocationStore(ddb, table);
        DynamoLinkStore links = new DynamoLinkStore(ddb, table);
        PoolResolver pools = new PoolResolver(states, config);
        return new ChangeProcessor(states, allocations, pools,
                new ShardPlanner(new DynamoShardStore(ddb, table), config.getPlacement()), config, links,
                new Realizer(states, links, allocations, pools, members, lbs, status,
                new DynamoLockStore(ddb, table, Clock.systemUTC())));
    }
}
