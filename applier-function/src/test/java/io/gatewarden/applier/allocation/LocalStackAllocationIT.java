package io.gatewarden.applier.allocation;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.addresses.VipPool;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewarden.applier.store.DynamoAllocationStore;
import io.gatewarden.applier.store.TableDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The same allocation against LocalStack's DynamoDB, for machines with Docker. Skipped where there is no Docker
 * engine; {@code VipAllocatorIT} covers the behaviour on DynamoDB Local everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackAllocationIT {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
            .withServices(LocalStackContainer.Service.DYNAMODB);

    @Test
    void allocate_isIdempotentOnLocalStack() {
        try (DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()))).build()) {
            TableDefinition.createIfMissing(ddb, "gatewarden-allocations");
            VipAllocator allocator = new VipAllocator(new DynamoAllocationStore(ddb, "gatewarden-allocations"));
            VipPool pool = VipPool.of("10.10.16.0/24").orElseThrow();
            OwnerKey owner = new OwnerKey("c1", "Gateway", "oam", "dns");
            assertEquals(allocator.allocate(owner, List.of(pool), null), allocator.allocate(owner, List.of(pool), null));
        }
    }
}
