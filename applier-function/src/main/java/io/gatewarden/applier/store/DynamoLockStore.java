package io.gatewarden.applier.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link LockStore} on {@code LOCK#<name>} items: a conditional put takes a free or expired lease, a
 * conditional delete releases only the holder's own. The item also carries the table's TTL attribute, so a
 * lease left by a crashed invocation disappears even if nobody takes it over. While held, a lease is renewed every
 * third of its hold by a conditional update on its holder; the first renewal that finds another holder (or none)
 * marks it lost, and so does a hold that passes without a confirmed renewal.
 */
public class DynamoLockStore implements LockStore {

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gatewarden-lease-renewal");
        t.setDaemon(true);
        return t;
    });

    public DynamoLockStore(DynamoDbClient ddb, String table, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
    }

    /** Stops every renewal without releasing anything: what a crashed process leaves behind (tests). */
    void halt() {
        renewals.shutdownNow();
    }

    @Override
    public Lease acquire(String name, Duration hold, Duration wait) {
        String holder = UUID.randomUUID().toString();
        Map<String, AttributeValue> key = Keys.lock(name);
        long deadline = clock.millis() + wait.toMillis();
        for (int attempt = 0; ; attempt++) {
            long now = clock.millis();
            try {
                ddb.putItem(b -> b.tableName(table)
                        .item(Map.of(Keys.PK, key.get(Keys.PK), Keys.SK, key.get(Keys.SK),
                                "holder", AttributeValue.fromS(holder),
                                "until", AttributeValue.fromN(Long.toString(now + hold.toMillis())),
                                TableDefinition.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(
                                        (now + hold.toMillis()) / 1000 + 60))))
                        .conditionExpression("attribute_not_exists(pk) OR #until < :now")
                        .expressionAttributeNames(Map.of("#until", "until"))
                        .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now)))));
                return new Held(name, key, holder, hold, now + hold.toMillis());
            } catch (ConditionalCheckFailedException held) {
                if (clock.millis() > deadline) {
                    throw new StoreConflictException(name + " is being applied by another invocation; try again",
                            held);
                }
                sleep(Math.min(400, 20L << Math.min(attempt, 4)));
            }
        }
    }

    /** A held lease: renewed until closed; {@link #check()} fences the writes made under it. */
    private final class Held implements Lease {
        private final String name;
        private final Map<String, AttributeValue> key;
        private final String holder;
        private final Duration hold;
        private volatile long until;
        private volatile boolean lost;
        private volatile ScheduledFuture<?> renewal;

        Held(String name, Map<String, AttributeValue> key, String holder, Duration hold, long until) {
            this.name = name;
            this.key = key;
            this.holder = holder;
            this.hold = hold;
            this.until = until;
            long every = Math.max(1, hold.toMillis() / 3);
            this.renewal = renewals.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            long now = clock.millis();
            long next = now + hold.toMillis();
            try {
                ddb.updateItem(b -> b.tableName(table).key(key)
                        .conditionExpression("holder = :me")
                        .updateExpression("SET #until = :next, #ttl = :ttl")
                        .expressionAttributeNames(Map.of("#until", "until", "#ttl", TableDefinition.TTL_ATTRIBUTE))
                        .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(holder),
                                ":next", AttributeValue.fromN(Long.toString(next)),
                                ":ttl", AttributeValue.fromN(Long.toString(next / 1000 + 60)))));
                until = next;
            } catch (ConditionalCheckFailedException taken) {
                lost = true;
                if (renewal != null) { // null only if the first renewal beat the constructor's assignment
                    renewal.cancel(false);
                }
            } catch (RuntimeException unavailable) {
                // not confirmed: check() refuses once the last confirmed hold has passed
            }
        }

        @Override
        public void check() {
            if (lost || clock.millis() >= until) {
                throw new LeaseLostException("the lease on " + name + " was lost (taken over after its hold, or not "
                        + "renewed in time); stopped before writing, the change is retried");
            }
        }

        @Override
        public void close() {
            renewal.cancel(false);
            release(key, holder);
        }
    }

    private void release(Map<String, AttributeValue> key, String holder) {
        try {
            ddb.deleteItem(b -> b.tableName(table).key(key).conditionExpression("holder = :me")
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(holder))));
        } catch (ConditionalCheckFailedException takenOver) {
            // it expired and someone else holds it now: theirs to release
        }
    }

    private static void sleep(long maxMillis) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(maxMillis / 2, maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
