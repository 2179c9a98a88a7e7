package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.model.manifest.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** {@link StateStore} on the allocation table's {@code OBJ#…/STATE} items. */
public class DynamoStateStore implements StateStore {

    /** A recorded failure reason is cut here: one line for an operator, far below the item size limit. */
    static final int MAX_FAILURE_LENGTH = 1000;

    /** States of deleted objects stay this long for operators to look at, then expire (table TTL). */
    static final Duration TOMBSTONE_TTL = Duration.ofDays(7);

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoStateStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    @Override
    public void intend(OwnerKey owner, List<OwnerKey> parents, String realized) {
        Map<String, String> names = new HashMap<>(Map.of("#pa", "parents", "#rz", "realized"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pa", AttributeValue.fromL(parents.stream()
                .map(p -> s(p.id())).toList())));
        String update = "SET #pa = :pa";
        if (realized != null) {
            update += ", #rz = :rz";
            values.put(":rz", s(realized));
        } else {
            update += " REMOVE #rz";
        }
        String u = update;
        ddb.updateItem(b -> b.tableName(table).key(Keys.state(owner)).updateExpression(u)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    @Override
    public void observed(OwnerKey owner, String uid, String digest) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":at", n(ChronoUnit.MICROS.between(Instant.EPOCH,
                Instant.now()))));
        String update;
        if (uid == null) {
            update = "SET #at = :at REMOVE #uid, #dg";
        } else {
            update = "SET #at = :at, #uid = :uid, #dg = :dg";
            values.put(":uid", s(uid));
            values.put(":dg", s(digest == null ? "" : digest));
        }
        ddb.updateItem(b -> b.tableName(table).key(Keys.state(owner)).updateExpression(update)
                .expressionAttributeNames(Map.of("#at", "observedAt", "#uid", "uid", "#dg", "digest"))
                .expressionAttributeValues(values));
    }

    @Override
    public void setOutcome(OwnerKey owner, String status, String reason, String detail, boolean deleted) {
        Map<String, String> names = new HashMap<>(Map.of("#st", "status", "#rs", "reason", "#dt", "detail",
                "#ttl", TableDefinition.TTL_ATTRIBUTE));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":st", s(status)));
        StringBuilder set = new StringBuilder("SET #st = :st");
        List<String> remove = new ArrayList<>();
        if (reason != null) {
            set.append(", #rs = :rs");
            values.put(":rs", s(reason));
        } else {
            remove.add("#rs");
        }
        if (detail != null) {
            set.append(", #dt = :dt");
            values.put(":dt", s(detail));
        } else {
            remove.add("#dt");
        }
        if (deleted) {
            set.append(", #ttl = :ttl");
            values.put(":ttl", n(Instant.now().plus(TOMBSTONE_TTL).getEpochSecond()));
        } else {
            remove.add("#ttl");
        }
        String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        ddb.updateItem(b -> b.tableName(table).key(Keys.state(owner)).updateExpression(update)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    @Override
    public void recordFailure(OwnerKey owner, String reason) {
        String bounded = reason == null ? "unknown" : reason.length() > MAX_FAILURE_LENGTH
                ? reason.substring(0, MAX_FAILURE_LENGTH) + "…" : reason;
        ddb.updateItem(b -> b.tableName(table).key(Keys.state(owner))
                .updateExpression("SET #lf = :lf, #la = :la")
                .expressionAttributeNames(Map.of("#lf", "lastFailure", "#la", "lastFailureAt"))
                .expressionAttributeValues(Map.of(":lf", s(bounded), ":la", s(Instant.now().toString()))));
    }

    @Override
    public Optional<String> lastFailure(OwnerKey owner) {
        var r = ddb.getItem(b -> b.tableName(table).key(Keys.state(owner)).consistentRead(true)
                .projectionExpression("lastFailure, lastFailureAt"));
        if (!r.hasItem() || !r.item().containsKey("lastFailure")) {
            return Optional.empty();
        }
        AttributeValue at = r.item().get("lastFailureAt");
        return Optional.of((at == null ? "" : at.s() + " ") + r.item().get("lastFailure").s());
    }

    @Override
    public Optional<ObjectState> settle(OwnerKey owner, java.util.Set<String> from, String status, String reason) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":st", s(status), ":from", AttributeValue.fromSs(
                List.copyOf(from))));
        String update = reason == null ? "SET #st = :st REMOVE #rs" : "SET #st = :st, #rs = :rs";
        if (reason != null) {
            values.put(":rs", s(reason));
        }
        try {
            var r = ddb.updateItem(b -> b.tableName(table).key(Keys.state(owner)).updateExpression(update)
                    .conditionExpression("contains(:from, #st)")
                    .expressionAttributeNames(Map.of("#st", "status", "#rs", "reason"))
                    .expressionAttributeValues(values).returnValues(software.amazon.awssdk.services.dynamodb.model
                            .ReturnValue.ALL_NEW));
            return Optional.of(toState(owner, r.attributes()));
        } catch (ConditionalCheckFailedException otherStatus) {
            return Optional.empty();
        }
    }

    @Override
    public void record(OwnerKey owner, String status, String detail, List<OwnerKey> parents, String uid,
            String digest) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":st", s(status), ":pa",
                AttributeValue.fromL(parents.stream().map(p -> s(p.id())).toList()),
                ":at", n(ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now())),
                ":uid", s(uid == null ? "" : uid), ":dg", s(digest == null ? "" : digest)));
        String set = "SET #st = :st, #pa = :pa, #at = :at, #uid = :uid, #dg = :dg";
        String remove = " REMOVE #rs, #rz, #ttl";
        if (detail != null) {
            set += ", #dt = :dt";
            values.put(":dt", s(detail));
        } else {
            remove += ", #dt";
        }
        String update = set + remove;
        ddb.updateItem(b -> b.tableName(table).key(Keys.state(owner)).updateExpression(update)
                .expressionAttributeNames(Map.of("#st", "status", "#pa", "parents", "#at", "observedAt", "#uid", "uid",
                        "#dg", "digest", "#dt", "detail", "#rs", "reason", "#rz", "realized",
                        "#ttl", TableDefinition.TTL_ATTRIBUTE))
                .expressionAttributeValues(values));
    }

    @Override
    public Optional<ObjectState> load(OwnerKey owner) {
        var r = ddb.getItem(b -> b.tableName(table).key(Keys.state(owner)).consistentRead(true));
        return r.hasItem() ? Optional.of(toState(owner, r.item())) : Optional.empty();
    }

    @Override
    public List<ObjectState> all(String cluster) {
        List<ObjectState> out = new ArrayList<>();
        String prefix = "OBJ#" + cluster + "/";
        ddb.scanPaginator(b -> b.tableName(table).filterExpression("begins_with(pk, :p) AND sk = :s")
                .expressionAttributeValues(Map.of(":p", s(prefix), ":s", s(Keys.STATE))))
                .items().forEach(i -> out.add(toState(OwnerKey.parse(i.get(Keys.PK).s().substring(4)), i)));
        return out;
    }

    private static ObjectState toState(OwnerKey owner, Map<String, AttributeValue> i) {
        List<OwnerKey> parents = i.containsKey("parents") ? i.get("parents").l().stream()
                .map(p -> OwnerKey.parse(p.s())).toList() : List.of();
        return new ObjectState(owner, str(i, "status"), str(i, "reason"), str(i, "vip"), str(i, "detail"),
                str(i, "uid"), str(i, "digest"), parents, str(i, "realized"),
                i.containsKey("observedAt") ? Long.parseLong(i.get("observedAt").n()) : 0, str(i, "movedFrom"));
    }

    private static String str(Map<String, AttributeValue> i, String k) {
        return i.containsKey(k) ? i.get(k).s() : null;
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    /** Parses a stored object back into JSON. */
    public static com.fasterxml.jackson.databind.JsonNode json(String object) {
        try {
            return object == null ? null : Json.mapper().readTree(object);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
