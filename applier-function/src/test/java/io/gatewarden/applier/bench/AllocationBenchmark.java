package io.gatewarden.applier.bench;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.allocation.VipAllocator;
import io.gatewarden.applier.addresses.VipPool;
import io.gatewarden.applier.store.DynamoAllocationStore;
import io.gatewarden.applier.store.Keys;
import io.gatewarden.applier.store.TableDefinition;
import io.gatewarden.localaws.DynamoDbLocal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Allocations per second and DynamoDB requests per allocation at 0 %, 50 % and 99 % fill of a /20 pool, beside
 * raw conditional PutItems per second on the same DynamoDB Local (the ceiling). Run with
 * {@code ./mvnw -q -pl applier-function -am -Pbench-allocation verify}.
 */
public final class AllocationBenchmark {

    private static final String TABLE = "bench-allocations";
    private static final int PER_ROUND = 40;
    private static final int ROUNDS = 5;

    public static void main(String[] args) throws Exception {
        AtomicLong requests = new AtomicLong();
        try (DynamoDbLocal local = new DynamoDbLocal();
             DynamoDbClient counted = local.client(4, new ExecutionInterceptor() {
                 @Override
                 public void afterExecution(Context.AfterExecution ctx, ExecutionAttributes attrs) {
                     requests.incrementAndGet();
                 }

                 @Override
                 public void onExecutionFailure(Context.FailedExecution ctx, ExecutionAttributes attrs) {
                     requests.incrementAndGet(); // a refused condition is a request too
                 }
             })) {
            TableDefinition.createIfMissing(counted, TABLE);
            DynamoAllocationStore store = new DynamoAllocationStore(counted, TABLE);
            VipAllocator allocator = new VipAllocator(store);
            warmUp(allocator);
            double ceiling = rawPuts(counted, ROUNDS * PER_ROUND);
            System.out.printf("DynamoDB Local over HTTP, one client thread; %d allocations per fill level%n",
                    ROUNDS * PER_ROUND);
            System.out.printf("%-6s %10s %14s %16s%n", "fill", "allocs/s", "requests/alloc", "vs PutItem/s");
            System.out.printf("%-6s %10.0f %14s %16s%n", "put", ceiling, "1.00", "1.00 (ceiling)");
            int net = 1;
            for (int fill : new int[] {0, 50, 99}) {
                VipPool pool = VipPool.of("10." + (200 + net++) + ".0.0/20").orElseThrow();
                prefill(counted, pool, pool.size() * fill / 100);
                long allocations = 0;
                long before = requests.get();
                long nanos = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    List<OwnerKey> owners = new ArrayList<>();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < PER_ROUND; i++) {
                        OwnerKey o = new OwnerKey("bench", "Service", "r" + round, "s" + i);
                        allocator.allocate(o, List.of(pool), null);
                        owners.add(o);
                    }
                    nanos += System.nanoTime() - t0;
                    allocations += PER_ROUND;
                    long untimed = requests.get();
                    owners.forEach(store::release); // keep the fill level; not timed, requests not counted
                    requests.set(untimed);
                }
                double perSecond = allocations / (nanos / 1e9);
                double perAlloc = (double) (requests.get() - before) / allocations;
                System.out.printf("%-6s %10.0f %14.2f %16.2f%n", fill + "%", perSecond, perAlloc, perSecond / ceiling);
            }
        }
    }

    private static void warmUp(VipAllocator allocator) {
        VipPool pool = VipPool.of("10.199.0.0/20").orElseThrow();
        for (int i = 0; i < 300; i++) {
            allocator.allocate(new OwnerKey("warm", "Service", "w", "s" + i), List.of(pool), null);
        }
    }

    private static double rawPuts(DynamoDbClient ddb, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Map<String, AttributeValue> item = new HashMap<>(Keys.address("raw", "10.0.0." + i));
            item.put("owner", AttributeValue.fromS("raw"));
            ddb.putItem(b -> b.tableName(TABLE).item(item).conditionExpression("attribute_not_exists(pk)"));
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Takes the first {@code count} addresses as the allocator would have (cursor advanced, address items). */
    private static void prefill(DynamoDbClient ddb, VipPool pool, long count) {
        List<WriteRequest> batch = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            Map<String, AttributeValue> item = new HashMap<>(Keys.address(pool.id(), pool.addressAt(i)));
            item.put("owner", AttributeValue.fromS("bench/Service/prefill/" + i));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (batch.size() == 25 || i == count - 1) {
                List<WriteRequest> send = List.copyOf(batch);
                ddb.batchWriteItem(b -> b.requestItems(Map.of(TABLE, send)));
                batch.clear();
            }
        }
        if (count > 0) {
            Map<String, AttributeValue> meta = new HashMap<>(Keys.poolMeta(pool.id()));
            meta.put("next", AttributeValue.fromN(Long.toString(count)));
            meta.put("size", AttributeValue.fromN(Long.toString(pool.size())));
            ddb.putItem(b -> b.tableName(TABLE).item(meta));
        }
    }
}
