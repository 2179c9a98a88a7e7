package io.gatewarden.applier.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link LockStore} on {@code LOCK#<name>} items: a conditional put takes a free or expired lease, a
 * conditional delete releases only the holder's own. The item also carries the table's TTL attribute, so a
 * lease left by a crashed invocation disappears even if nobody takes it over.
 */
public class DynamoLockStore implements LockStore {

    private final DynamoDbClient ddb;
    private final String table;
    private final Clock clock;

    public DynamoLockStore(DynamoDbClient ddb, String table, Clock clock) {
        this.ddb = ddb;
        this.table = table;
        this.clock = clock;
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
                return () -> release(key, holder);
            } catch (ConditionalCheckFailedException held) {
                if (clock.millis() > deadline) {
                    throw new StoreConflictException(name + " is being applied by another invocation; try again",
                            held);
                }
                sleep(Math.min(400, 20L << Math.min(attempt, 4)));
            }
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
