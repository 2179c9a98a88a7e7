package io.gatewarden.applier.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatewarden.localaws.DynamoDbLocal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The virtual-service leases against DynamoDB Local over HTTP: one holder at a time, expiry, own release only. */
class DynamoLockStoreIT {

    static DynamoDbLocal local;
    static DynamoDbClient ddb;
    static DynamoLockStore locks;

    @BeforeAll
    static void start() throws Exception {
        local = new DynamoDbLocal();
        ddb = local.client(8);
        TableDefinition.createIfMissing(ddb, "locks");
        locks = new DynamoLockStore(ddb, "locks", Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        ddb.close();
        local.close();
    }

    @Test
    void concurrentHolders_neverOverlap() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                all.add(pool.submit(() -> {
                    try (LockStore.Lease lease = locks.acquire("AVI/prod--oam-dns", Duration.ofMinutes(1),
                            Duration.ofSeconds(30))) {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.sleep(5);
                        inside.decrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, most.get(), "one holder at a time");
    }

    @Test
    void aHeldLease_makesOthersGiveUpRetryably_untilItExpires() throws Exception {
        try (LockStore.Lease held = locks.acquire("AVI/prod--oam-web", Duration.ofMillis(600), Duration.ZERO)) {
            StoreConflictException busy = assertThrows(StoreConflictException.class,
                    () -> locks.acquire("AVI/prod--oam-web", Duration.ofMinutes(1), Duration.ofMillis(100)));
            assertEquals("AVI/prod--oam-web is being applied by another invocation; try again", busy.getMessage());
            // the holder "died": after its hold, the lease is taken over
            try (LockStore.Lease takeover = locks.acquire("AVI/prod--oam-web", Duration.ofMinutes(1),
                    Duration.ofSeconds(5))) {
                held.close(); // a late release by the old holder must not free the new holder's lease
                assertThrows(StoreConflictException.class,
                        () -> locks.acquire("AVI/prod--oam-web", Duration.ofMinutes(1), Duration.ofMillis(100)));
            }
        }
        locks.acquire("AVI/prod--oam-web", Duration.ofMinutes(1), Duration.ZERO).close();
    }
}
