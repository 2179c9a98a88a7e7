package io.gatewarden.applier.config;

import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.allocation.ShardPlanner;
import io.gatewarden.applier.handler.ChangeProcessor;
import io.gatewarden.applier.handler.Reconciler;
import io.gatewarden.applier.store.DynamoAllocationStore;
import io.gatewarden.applier.store.DynamoShardStore;
import io.gatewarden.applier.store.DynamoStateStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** AWS clients and the applier's parts. */
@Factory
public class ApplierFactory {

    /**
     * DynamoDB client; {@code gatewarden.aws.dynamodb-endpoint} overrides the endpoint (DynamoDB Local,
     * LocalStack). Region and credentials come from the default chains (the Lambda environment in AWS).
     */
    @Singleton
    @Bean(preDestroy = "close")
    DynamoDbClient dynamoDb(@Nullable @Value("${gatewarden.aws.dynamodb-endpoint:}") String endpoint) {
        DynamoDbClientBuilder b = DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint));
        }
        return b.build();
    }

    @Singleton
    Reconciler reconciler(DynamoDbClient ddb, ApplierConfiguration config, ChangeProcessor processor) {
        return new Reconciler(new DynamoStateStore(ddb, config.getTable()),
                new DynamoAllocationStore(ddb, config.getTable()), processor, config.getReconcileGrace(),
                java.time.Clock.systemUTC());
    }

    @Singleton
    ChangeProcessor processor(DynamoDbClient ddb, ApplierConfiguration config) {
        DynamoStateStore states = new DynamoStateStore(ddb, config.getTable());
        return new ChangeProcessor(states, new DynamoAllocationStore(ddb, config.getTable()),
                new PoolResolver(states, config),
                new ShardPlanner(new DynamoShardStore(ddb, config.getTable()), config.getPlacement()), config);
    }
}
