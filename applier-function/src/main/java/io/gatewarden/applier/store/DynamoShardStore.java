package io.gatewarden.applier.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link ShardStore} on {@code SHARDS#<cluster>#<setting>} items: {@code HOST#<host>} (the placement, read by host)
 * and its twin {@code ON#<shard>#<host>} (read by shard), always written together.
 */
public class DynamoShardStore implements ShardStore {

    private final DynamoDbClient ddb;
    private final String table;
    /** Settings whose {@code INDEXED} marker this instance has seen. */
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();

    public DynamoShardStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    @Override
    public Optional<Integer> shardOf(String cluster, String setting, String host) {
        var r = ddb.getItem(b -> b.tableName(table).key(Keys.hostPlacement(cluster, setting, host)).consistentRead(true));
        return r.hasItem() ? Optional.of(Integer.parseInt(r.item().get("shard").n())) : Optional.empty();
    }

    /**
     * The host item (conditional: the first placement wins) and its shard-indexed twin, in one transaction, so the
     * index never lacks a placement nor holds one that lost.
     */
    @Override
    public int placeIfAbsent(String cluster, String setting, String host, int shard) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.hostPlacement(cluster, setting, host));
        item.put("shard", AttributeValue.fromN(Integer.toString(shard)));
        try {
            ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(Keys.shardPlacement(cluster, setting, shard, host))).build()));
            return shard;
        } catch (TransactionCanceledException placedBefore) {
            return shardOf(cluster, setting, host).orElseThrow(() -> placedBefore);
        }
    }

    @Override
    public Map<Integer, Integer> loads(String cluster, String setting) {
        Map<Integer, Integer> loads = new HashMap<>();
        placements(cluster, setting).forEach(p -> loads.merge(p.shard(), 1, Integer::sum));
        return loads;
    }

    @Override
    public List<Placement> placements(String cluster, String setting) {
        List<Placement> out = new ArrayList<>();
        query(cluster, setting, "HOST#").forEach(i -> out.add(new Placement(i.get(Keys.SK).s().substring(5),
                Integer.parseInt(i.get("shard").n()))));
        return out;
    }

    @Override
    public List<Placement> placementsOn(String cluster, String setting, int shard) {
        indexOnce(cluster, setting);
        String prefix = Keys.onShard(shard);
        List<Placement> out = new ArrayList<>();
        query(cluster, setting, prefix).forEach(i -> out.add(new Placement(i.get(Keys.SK).s().substring(
                prefix.length()), shard)));
        return out;
    }

    /**
     * A table written before the shard index has placements without their twins: the first read by shard writes
     * them (each conditional on the placement still being on that shard, so a concurrent move is never undone),
     * then the {@code INDEXED} marker, which each instance reads once per setting.
     */
    private void indexOnce(String cluster, String setting) {
        String pk = Keys.shardsPk(cluster, setting);
        if (indexed.contains(pk)) {
            return; // the marker never goes away: once seen, a warm function never reads it again
        }
        Map<String, AttributeValue> marker = Keys.key(pk, "INDEXED");
        if (ddb.getItem(b -> b.tableName(table).key(marker).consistentRead(true)).hasItem()) {
            indexed.add(pk);
            return;
        }
        for (Placement p : placements(cluster, setting)) {
            try {
                ddb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                                .key(Keys.hostPlacement(cluster, setting, p.host()))
                                .conditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "shard"))
                                .expressionAttributeValues(Map.of(":s", AttributeValue.fromN(
                                        Integer.toString(p.shard()))))).build(),
                        TransactWriteItem.builder().put(t -> t.tableName(table)
                                .item(Keys.shardPlacement(cluster, setting, p.shard(), p.host()))).build()));
            } catch (TransactionCanceledException movedMeanwhile) {
                // the move wrote its own twin
            }
        }
        ddb.putItem(b -> b.tableName(table).item(marker));
        indexed.add(pk);
    }

    private Iterable<Map<String, AttributeValue>> query(String cluster, String setting, String skPrefix) {
        return ddb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.shardsPk(cluster, setting)),
                        ":p", AttributeValue.fromS(skPrefix)))).items();
    }

    /** The host item (conditional on its current shard) and the index twins, moved in one transaction. */
    @Override
    public boolean move(String cluster, String setting, String host, int from, int to) {
        try {
            ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(Keys.hostPlacement(cluster, setting, host))
                            .updateExpression("SET #s = :to").conditionExpression("#s = :from")
                            .expressionAttributeNames(Map.of("#s", "shard"))
                            .expressionAttributeValues(Map.of(":to", AttributeValue.fromN(Integer.toString(to)),
                                    ":from", AttributeValue.fromN(Integer.toString(from))))).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table)
                            .key(Keys.shardPlacement(cluster, setting, from, host))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table)
                            .item(Keys.shardPlacement(cluster, setting, to, host))).build()));
            return true;
        } catch (TransactionCanceledException movedMeanwhile) {
            return false;
        }
    }
}
