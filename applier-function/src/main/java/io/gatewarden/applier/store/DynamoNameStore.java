package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** {@link NameStore} on {@code NAME#<LB>:<name>} / {@code OWNER} items, claimed with a conditional put. */
public class DynamoNameStore implements NameStore {

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoNameStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    @Override
    public Optional<OwnerKey> claim(String lbAndName, OwnerKey owner) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Keys.name(lbAndName));
        item.put("owner", AttributeValue.fromS(owner.id()));
        try {
            ddb.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #o = :o")
                    .expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(owner.id())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException held) {
            return held.hasItem() && held.item().containsKey("owner")
                    ? Optional.of(OwnerKey.parse(held.item().get("owner").s())) : Optional.of(owner);
        }
    }

    @Override
    public void release(String lbAndName, OwnerKey owner) {
        try {
            ddb.deleteItem(b -> b.tableName(table).key(Keys.name(lbAndName)).conditionExpression("#o = :o")
                    .expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(owner.id()))));
        } catch (ConditionalCheckFailedException notOurs) {
            // someone else's name, or already given up: nothing of ours to release
        }
    }
}
