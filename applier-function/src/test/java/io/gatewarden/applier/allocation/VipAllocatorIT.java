package io.gatewarden.applier.allocation;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.addresses.VipPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatewarden.applier.store.DynamoAllocationStore;
import io.gatewarden.applier.store.Keys;
import io.gatewarden.applier.store.Lease;
import io.gatewarden.applier.store.TableDefinition;
import io.gatewarden.localaws.DynamoDbLocal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** VIP allocation against DynamoDB Local over HTTP on loopback. */
class VipAllocatorIT {

    private static final String TABLE = "gatewarden-allocations";
    private static DynamoDbLocal local;
    private static DynamoDbClient ddb;
    private static VipAllocator allocator;
    private static final AtomicInteger POOLS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        local = new DynamoDbLocal();
        ddb = local.client(32);
        TableDefinition.createIfMissing(ddb, TABLE);
        allocator = new VipAllocator(new DynamoAllocationStore(ddb, TABLE));
    }

    @AfterAll
    static void stop() throws Exception {
        ddb.close();
        local.close();
    }

    /** A fresh pool per test: tests share the table. */
    private static VipPool pool(int prefix) {
        int n = POOLS.incrementAndGet();
        return VipPool.of("10." + n + ".0.0/" + prefix).orElseThrow();
    }

    private static OwnerKey gw(String cluster, String name) {
        return new OwnerKey(cluster, "Gateway", "oam", name);
    }

    @Test
    void allocate_returnsSameVip_whenOwnerAsksAgain() {
        VipPool pool = pool(24);
        Lease first = allocator.allocate(gw("c1", "dns"), List.of(pool), null);
        Lease again = allocator.allocate(gw("c1", "dns"), List.of(pool), null);
        assertEquals(first, again);
        assertEquals(pool.addressAt(0), first.address());
    }

    @Test
    void sixteenThreadsTimesAThousand_neverGiveAnAddressTwice_andRecordEveryAllocation() throws Exception {
        VipPool pool = pool(18); // 16,382 usable
        int threads = 16;
        int perThread = 1000;
        Map<String, OwnerKey> byAddress = new ConcurrentHashMap<>();
        List<String> duplicates = new ArrayList<>();
        ExecutorService pool16 = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool16.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    OwnerKey owner = new OwnerKey("c1", "Service", "t" + thread, "svc-" + i);
                    Lease lease = allocator.allocate(owner, List.of(pool), null);
                    OwnerKey previous = byAddress.putIfAbsent(lease.address(), owner);
                    if (previous != null) {
                        synchronized (duplicates) {
                            duplicates.add(lease.address());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool16.shutdown();
        assertEquals(List.of(), duplicates);
        assertEquals(threads * perThread, byAddress.size());
        assertEquals(threads * perThread, countItems(pool, "ADDR#"));
    }

    private static int countItems(VipPool pool, String prefix) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var r = ddb.query(b -> b.tableName(TABLE).select(Select.COUNT).exclusiveStartKey(from)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.poolPk(pool.id())),
                            ":p", AttributeValue.fromS(prefix))));
            count += r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    @Test
    void exhaustion_isAClearRetryableState_andReleaseMakesRoom() {
        VipPool pool = pool(29); // 6 usable: seed 002's six addresses
        Set<String> given = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            given.add(allocator.allocate(gw("c1", "g" + i), List.of(pool), null).address());
        }
        assertEquals(6, given.size());
        VipPoolExhaustedException e = assertThrows(VipPoolExhaustedException.class,
                () -> allocator.allocate(gw("c1", "g6"), List.of(pool), null));
        assertEquals("VIP pool [" + pool.id() + "] is exhausted: all 6 usable addresses are allocated", e.getMessage());
        assertEquals(true, e.retryable());

        Lease released = allocator.allocate(gw("c1", "g2"), List.of(pool), null);
        new DynamoAllocationStore(ddb, TABLE).release(gw("c1", "g2"));
        Lease reused = allocator.allocate(gw("c1", "g6"), List.of(pool), null);
        assertEquals(released.address(), reused.address());
        assertEquals(0, countItems(pool, "FREE#"));
    }

    @Test
    void aMove_claimsTheNewAddressFirst_andFreesTheOldOnlyWhenFinished() {
        VipPool pool = pool(24);
        DynamoAllocationStore store = new DynamoAllocationStore(ddb, TABLE);
        OwnerKey svc = gw("c1", "moving");
        String a = pool.addressAt(5);
        String b = pool.addressAt(6);
        allocator.allocate(svc, List.of(pool), a);

        assertEquals(b, allocator.allocate(svc, List.of(pool), b).address());
        assertEquals(Optional.of(svc), store.ownerOf(pool, a), "the old address is still held: the VS still uses it");
        assertEquals(Optional.of(svc), store.ownerOf(pool, b));
        assertEquals(a, store.movedFrom(svc).orElseThrow().address());
        assertThrows(AddressTakenException.class, () -> allocator.allocate(gw("c1", "other"), List.of(pool), a));
        assertEquals(b, allocator.allocate(svc, List.of(pool), b).address(), "asking again (a retry) changes nothing");

        store.finishMove(svc); // the load balancer was re-pointed
        assertEquals(Optional.empty(), store.ownerOf(pool, a));
        assertEquals(Optional.empty(), store.movedFrom(svc));
        assertEquals(a, allocator.allocate(gw("c1", "other"), List.of(pool), a).address(), "now free for others");
        store.finishMove(svc); // twice: nothing more to do
        assertEquals(Optional.of(svc), store.ownerOf(pool, b));
    }

    @Test
    void aCursorSlotWhoseClaimNeverHappened_isReturnedToThePool_byTheSweep() {
        VipPool pool = pool(30); // two usable addresses
        DynamoAllocationStore store = new DynamoAllocationStore(ddb, TABLE);
        allocator.allocate(gw("c1", "first"), List.of(pool), null);
        store.advanceCursor(pool); // the handler dies after taking the second slot, before its claim
        assertThrows(VipPoolExhaustedException.class, () -> allocator.allocate(gw("c1", "late"), List.of(pool), null),
                "the stranded slot is neither held nor free");

        assertEquals(1, store.returnStranded(pool));
        assertEquals(pool.addressAt(1), allocator.allocate(gw("c1", "late"), List.of(pool), null).address());
        assertEquals(0, store.returnStranded(pool), "held addresses are never returned");
    }

    @Test
    void staticAddress_isHonouredWhenInsideAndFree_otherwisePendingWithTheReason() {
        VipPool pool = pool(24);
        String wanted = pool.addressAt(0);
        assertEquals(wanted, allocator.allocate(gw("c1", "static"), List.of(pool), wanted).address());
        AddressTakenException taken = assertThrows(AddressTakenException.class,
                () -> allocator.allocate(gw("c1", "other"), List.of(pool), wanted));
        assertEquals("static address " + wanted + " of pool " + pool.id() + " is already held by c1/Gateway/oam/static",
                taken.getMessage());
        AddressOutsidePoolsException outside = assertThrows(AddressOutsidePoolsException.class,
                () -> allocator.allocate(gw("c1", "far"), List.of(pool), "192.0.2.10"));
        assertEquals("static address 192.0.2.10 is outside the VIP pools [" + pool.id() + "]", outside.getMessage());
        // the cursor skips the statically held address
        assertEquals(pool.addressAt(1), allocator.allocate(gw("c1", "dynamic"), List.of(pool), null).address());
    }

    @Test
    void clustersSharingAVipNetwork_neverCollide() {
        VipPool pool = pool(24);
        Lease a = allocator.allocate(gw("cluster-a", "dns"), List.of(pool), null);
        Lease b = allocator.allocate(gw("cluster-b", "dns"), List.of(pool), null);
        assertNotEquals(a.address(), b.address());
    }

    @Test
    void secondPool_isUsedWhenTheFirstIsFull() {
        VipPool small = pool(30); // 2 usable
        VipPool next = pool(24);
        allocator.allocate(gw("c1", "a"), List.of(small, next), null);
        allocator.allocate(gw("c1", "b"), List.of(small, next), null);
        assertEquals(next.id(), allocator.allocate(gw("c1", "c"), List.of(small, next), null).pool());
    }
}
