package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link LinkStore} on {@code LINKS#<parent>} / {@code CHILD#<child>} items: one query lists a parent's children. */
public class DynamoLinkStore implements LinkStore {

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoLinkStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    @Override
    public void link(OwnerKey parent, OwnerKey child) {
        ddb.putItem(b -> b.tableName(table).item(Keys.link(parent, child)));
    }

    @Override
    public void unlink(OwnerKey parent, OwnerKey child) {
        ddb.deleteItem(b -> b.tableName(table).key(Keys.link(parent, child)));
    }

    @Override
    public List<OwnerKey> children(OwnerKey parent) {
        List<OwnerKey> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(Keys.linksPk(parent)))))
                .items().forEach(i -> out.add(OwnerKey.parse(i.get(Keys.SK).s().substring(Keys.CHILD.length()))));
        return out;
    }
}
