package io.gatewarden.applier.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
    void aHeldLease_makesOthersGiveUpRetryably_untilItsHolderDies() throws Exception {
        DynamoLockStore dying = new DynamoLockStore(ddb, "locks", Clock.systemUTC());
        try (LockStore.Lease held = dying.acquire("AVI/prod--oam-web", Duration.ofMillis(600), Duration.ZERO)) {
            StoreConflictException busy = assertThrows(StoreConflictException.class,
                    () -> locks.acquire("AVI/prod--oam-web", Duration.ofMinutes(1), Duration.ofMillis(100)));
            assertEquals("AVI/prod--oam-web is being applied by another invocation; try again", busy.getMessage());
            dying.halt(); // the holder's process dies: no more renewals, no release; after its hold it is taken over
            try (LockStore.Lease takeover = locks.acquire("AVI/prod--oam-web", Duration.ofMinutes(1),
                    Duration.ofSeconds(5))) {
                assertThrows(LeaseLostException.class, held::check, "the old holder may not write any more");
                held.close(); // a late release by the old holder must not free the new holder's lease
                takeover.check();
                assertThrows(StoreConflictException.class,
                        () -> locks.acquire("AVI/prod--oam-web", Duration.ofMinutes(1), Duration.ofMillis(100)));
            }
        }
        locks.acquire("AVI/prod--oam-web", Duration.ofMinutes(1), Duration.ZERO).close();
    }

    @Test
    void aLiveHolder_keepsItsLeasePastItsHold_byRenewingIt() throws Exception {
        try (LockStore.Lease held = locks.acquire("AVI/prod--oam-renew", Duration.ofMillis(450), Duration.ZERO)) {
            Thread.sleep(1_500); // more than three holds: only renewals keep it
            held.check();
            assertThrows(StoreConflictException.class,
                    () -> locks.acquire("AVI/prod--oam-renew", Duration.ofMinutes(1), Duration.ofMillis(200)));
        }
        locks.acquire("AVI/prod--oam-renew", Duration.ofMinutes(1), Duration.ZERO).close(); // released on close
    }

    @Test
    void aLeaseTakenOverUnderItsHolder_isFoundLostAtTheNextRenewal() throws Exception {
        try (LockStore.Lease held = locks.acquire("AVI/prod--oam-fence", Duration.ofMillis(600), Duration.ZERO)) {
            held.check();
            // another holder replaces the item (a clock jump, an operator): the next renewal finds it foreign
            ddb.putItem(b -> b.tableName("locks").item(java.util.Map.of(
                    Keys.PK, Keys.lock("AVI/prod--oam-fence").get(Keys.PK),
                    Keys.SK, Keys.lock("AVI/prod--oam-fence").get(Keys.SK),
                    "holder", AttributeValue.fromS("someone-else"),
                    "until", AttributeValue.fromN(Long.toString(System.currentTimeMillis() + 60_000)))));
            Thread.sleep(500); // past one renewal (every 200 ms)
            LeaseLostException lost = assertThrows(LeaseLostException.class, held::check);
            assertTrue(lost.getMessage().startsWith("the lease on AVI/prod--oam-fence was lost"), lost.getMessage());
        }
    }
}
