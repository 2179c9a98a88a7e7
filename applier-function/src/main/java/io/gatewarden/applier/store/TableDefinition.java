package io.gatewarden.applier.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates the table for local runs and tests (Terraform owns it in AWS: same keys, on-demand, TTL expiresAt). */
public final class TableDefinition {

    /** TTL attribute: tombstones of deleted objects expire after a week. */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private TableDefinition() {
    }

    public static void createIfMissing(DynamoDbClient ddb, String table) {
        try {
            ddb.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(Keys.PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(Keys.SK).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(Keys.PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(Keys.SK).keyType(KeyType.RANGE).build()));
        } catch (ResourceInUseException alreadyThere) {
            // created by an earlier run
        }
    }
}
