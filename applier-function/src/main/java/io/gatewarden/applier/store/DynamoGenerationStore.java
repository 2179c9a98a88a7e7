package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link GenerationStore} on the allocation table's {@code BUILD#<parent>/BUILD} items: {@code dirty} and
 * {@code applied} numbers, {@code jobSentAt} (epoch milliseconds) and {@code pending}, a string set of child ids. The set holds only children changed
 * since the last build, so it stays far below the item size limit (about 4,000 ids between two builds).
 */
public class DynamoGenerationStore implements GenerationStore {

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoGenerationStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    @Override
    public Generation markDirty(OwnerKey parent, OwnerKey child) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", AttributeValue.fromN("1"),
                ":zero", AttributeValue.fromN("0")));
        // applied and jobSentAt are set to themselves so that UPDATED_NEW returns them with dirty, in this write.
        String update = "SET applied = if_not_exists(applied, :zero), jobSentAt = if_not_exists(jobSentAt, :zero) "
                + "ADD dirty :one";
        if (child != null) {
            update += ", pending :child";
            values.put(":child", AttributeValue.fromSs(java.util.List.of(child.id())));
        }
        String u = update;
        Map<String, AttributeValue> now = ddb.updateItem(b -> b.tableName(table).key(Keys.build(parent))
                .updateExpression(u).expressionAttributeValues(values).returnValues(ReturnValue.UPDATED_NEW))
                .attributes();
        return new Generation(number(now, "dirty"), number(now, "applied"), Set.of(), number(now, "jobSentAt"));
    }

    @Override
    public void jobSent(OwnerKey parent, long atMillis) {
        ddb.updateItem(b -> b.tableName(table).key(Keys.build(parent)).updateExpression("SET jobSentAt = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromN(Long.toString(atMillis)))));
    }

    @Override
    public Generation load(OwnerKey parent) {
        var i = ddb.getItem(b -> b.tableName(table).key(Keys.build(parent)).consistentRead(true)).item();
        Set<OwnerKey> pending = new LinkedHashSet<>();
        if (i.containsKey("pending")) {
            i.get("pending").ss().forEach(id -> pending.add(OwnerKey.parse(id)));
        }
        return new Generation(number(i, "dirty"), number(i, "applied"), pending, number(i, "jobSentAt"));
    }

    @Override
    public boolean markApplied(OwnerKey parent, long generation, Collection<OwnerKey> settled) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":g", AttributeValue.fromN(Long.toString(generation))));
        String update = "SET applied = :g";
        if (!settled.isEmpty()) {
            update += " DELETE pending :s";
            values.put(":s", AttributeValue.fromSs(settled.stream().map(OwnerKey::id).toList()));
        }
        String u = update;
        try {
            ddb.updateItem(b -> b.tableName(table).key(Keys.build(parent)).updateExpression(u)
                    .conditionExpression("attribute_not_exists(applied) OR applied < :g")
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException later) {
            return false;
        }
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
    }
}
