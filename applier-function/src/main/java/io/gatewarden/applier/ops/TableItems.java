package io.gatewarden.applier.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the allocation table for an operator's view ({@code gatewarden pools}): one paginated Scan of the items
 * whose key starts with one of the given prefixes. Never used on the applier's path, which reads by key only.
 */
public final class TableItems {

    private TableItems() {
    }

    public static List<Map<String, AttributeValue>> withPrefixes(DynamoDbClient ddb, String table, List<String> prefixes) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        ddb.scanPaginator(b -> b.tableName(table)).items().forEach(item -> {
            AttributeValue pk = item.get("pk");
            if (pk != null && pk.s() != null && prefixes.stream().anyMatch(pk.s()::startsWith)) {
                out.add(item);
            }
        });
        return out;
    }
}
