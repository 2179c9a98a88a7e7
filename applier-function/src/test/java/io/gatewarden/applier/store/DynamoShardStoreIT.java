package io.gatewarden.applier.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.localaws.DynamoDbLocal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Host placements against DynamoDB Local: the first placement wins, and the by-shard index always agrees. */
class DynamoShardStoreIT {

    static DynamoDbLocal local;
    static DynamoDbClient ddb;
    static DynamoShardStore shards;

    @BeforeAll
    static void start() throws Exception {
        local = new DynamoDbLocal();
        ddb = local.client(4);
        TableDefinition.createIfMissing(ddb, "shards");
        shards = new DynamoShardStore(ddb, "shards");
    }

    @AfterAll
    static void stop() throws Exception {
        ddb.close();
        local.close();
    }

    private static List<String> hostsOn(String setting, int shard) {
        return shards.placementsOn("c", setting, shard).stream().map(ShardStore.Placement::host).sorted().toList();
    }

    @Test
    void aBuildReadsItsOwnShardsHosts_andAMoveMovesTheIndexToo() {
        assertEquals(1, shards.placeIfAbsent("c", "large", "a.example", 1));
        assertEquals(2, shards.placeIfAbsent("c", "large", "b.example", 2));
        assertEquals(1, shards.placeIfAbsent("c", "large", "c.example", 1));
        assertEquals(1, shards.placeIfAbsent("c", "large", "a.example", 5), "placed before: it stays");
        assertEquals(List.of("a.example", "c.example"), hostsOn("large", 1));
        assertEquals(List.of("b.example"), hostsOn("large", 2));
        assertEquals(List.of(), hostsOn("large", 5), "the losing placement left no index entry");

        assertTrue(shards.move("c", "large", "c.example", 1, 2));
        assertFalse(shards.move("c", "large", "c.example", 1, 3), "no longer on shard 1");
        assertEquals(List.of("a.example"), hostsOn("large", 1));
        assertEquals(List.of("b.example", "c.example"), hostsOn("large", 2));
        assertEquals(List.of(), hostsOn("large", 3));
    }

    @Test
    void aTableWrittenBeforeTheIndex_isIndexedByTheFirstReadByShard() {
        for (String[] p : new String[][] {{"old-1.example", "0"}, {"old-2.example", "3"}, {"old-3.example", "3"}}) {
            Map<String, AttributeValue> item = new java.util.HashMap<>(Keys.hostPlacement("c", "legacy", p[0]));
            item.put("shard", AttributeValue.fromN(p[1]));
            ddb.putItem(b -> b.tableName("shards").item(item)); // as the placement was written before
        }
        assertEquals(List.of("old-2.example", "old-3.example"), hostsOn("legacy", 3));
        assertEquals(List.of("old-1.example"), hostsOn("legacy", 0));
        assertEquals(3, shards.placements("c", "legacy").size(), "the placements themselves are unchanged");
    }
}
