package io.gatewarden.applier.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link ShardStore} on {@code SHARDS#<cluster>#<setting> / HOST#<host>} items (a setting has few hosts' worth). */
public class DynamoShardStore implements ShardStore {

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoShardStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    @Override
    public Optional<Integer> shardOf(String cluster, String setting, String host) {
        var r = ddb.getItem(b -> b.tableName(table).key(Keys.hostPlacement(cluster, setting, host)).consistentRead(true));
        return r.hasItem() ? Optional.of(Integer.parseInt(r.item().get("shard").n())) : Optional.empty();
    }

    @Override
    public int placeIfAbsent(String cluster, String setting, String host, int shard) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.hostPlacement(cluster, setting, host));
        item.put("shard", AttributeValue.fromN(Integer.toString(shard)));
        try {
            ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return shard;
        } catch (ConditionalCheckFailedException placedBefore) {
            return shardOf(cluster, setting, host).orElse(shard);
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
        ddb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :h)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.shardsPk(cluster, setting)),
                        ":h", AttributeValue.fromS("HOST#"))))
                .items().forEach(i -> out.add(new Placement(i.get(Keys.SK).s().substring(5),
                        Integer.parseInt(i.get("shard").n()))));
        return out;
    }

    @Override
    public boolean move(String cluster, String setting, String host, int from, int to) {
        try {
            ddb.updateItem(b -> b.tableName(table).key(Keys.hostPlacement(cluster, setting, host))
                    .updateExpression("SET #s = :to").conditionExpression("#s = :from")
                    .expressionAttributeNames(Map.of("#s", "shard"))
                    .expressionAttributeValues(Map.of(":to", AttributeValue.fromN(Integer.toString(to)),
                            ":from", AttributeValue.fromN(Integer.toString(from)))));
            return true;
        } catch (ConditionalCheckFailedException movedMeanwhile) {
            return false;
        }
    }
}
