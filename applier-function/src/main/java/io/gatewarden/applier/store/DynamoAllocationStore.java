package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.addresses.VipPool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** {@link AllocationStore} on one DynamoDB table ({@link Keys} documents the items). */
public class DynamoAllocationStore implements AllocationStore {

    private final DynamoDbClient ddb;
    private final String table;

    public DynamoAllocationStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    @Override
    public Optional<Lease> lease(OwnerKey owner) {
        GetItemResponse r = ddb.getItem(b -> b.tableName(table).key(Keys.state(owner)).consistentRead(true)
                .projectionExpression("vip, #p").expressionAttributeNames(Map.of("#p", "pool")));
        if (!r.hasItem() || !r.item().containsKey("vip")) {
            return Optional.empty();
        }
        return Optional.of(new Lease(r.item().get("pool").s(), r.item().get("vip").s()));
    }

    @Override
    public OptionalLong advanceCursor(VipPool pool) {
        try {
            var r = ddb.updateItem(b -> b.tableName(table).key(Keys.poolMeta(pool.id()))
                    .updateExpression("SET #n = if_not_exists(#n, :zero) + :one, #s = :size")
                    .conditionExpression("attribute_not_exists(#n) OR #n < :size")
                    .expressionAttributeNames(Map.of("#n", "next", "#s", "size"))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":size", n(pool.size())))
                    .returnValues(ReturnValue.UPDATED_NEW));
            return OptionalLong.of(Long.parseLong(r.attributes().get("next").n()) - 1);
        } catch (ConditionalCheckFailedException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public Optional<String> anyFree(VipPool pool) {
        QueryResponse r = ddb.query(b -> b.tableName(table).consistentRead(true).limit(1)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :free)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.poolPk(pool.id())), ":free", s("FREE#"))));
        return r.items().stream().findFirst().map(i -> i.get(Keys.SK).s().substring("FREE#".length()));
    }

    @Override
    public ClaimResult claim(VipPool pool, String address, OwnerKey owner, boolean fromFreeList) {
        Map<String, AttributeValue> addr = new HashMap<>(Keys.address(pool.id(), address));
        addr.put("owner", s(owner.id()));
        TransactWriteItem putAddress = TransactWriteItem.builder().put(p -> p.tableName(table).item(addr)
                .conditionExpression("attribute_not_exists(pk)")).build();
        TransactWriteItem consumeFree = TransactWriteItem.builder().delete(d -> {
            d.tableName(table).key(Keys.free(pool.id(), address));
            if (fromFreeList) {
                d.conditionExpression("attribute_exists(pk)");
            }
        }).build();
        TransactWriteItem setLease = TransactWriteItem.builder().update(u -> u.tableName(table).key(Keys.state(owner))
                .updateExpression("SET vip = :ip, #p = :pool")
                .conditionExpression("attribute_not_exists(vip) OR vip = :ip")
                .expressionAttributeNames(Map.of("#p", "pool"))
                .expressionAttributeValues(Map.of(":ip", s(address), ":pool", s(pool.id())))).build();
        try {
            ddb.transactWriteItems(b -> b.transactItems(putAddress, consumeFree, setLease));
            return ClaimResult.CLAIMED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 2)) {
                return ClaimResult.OWNER_HAS_OTHER;
            }
            if (failed(reasons, 1)) {
                return ClaimResult.FREE_GONE;
            }
            if (failed(reasons, 0)) {
                return ClaimResult.ADDRESS_TAKEN;
            }
            throw new StoreConflictException("claim of " + address + " in " + pool.id() + " was cancelled: "
                    + reasons, e);
        }
    }

    private static boolean failed(List<CancellationReason> reasons, int i) {
        return reasons.size() > i && "ConditionalCheckFailed".equals(reasons.get(i).code());
    }

    @Override
    public Optional<OwnerKey> ownerOf(VipPool pool, String address) {
        GetItemResponse r = ddb.getItem(b -> b.tableName(table).key(Keys.address(pool.id(), address))
                .consistentRead(true));
        return r.hasItem() && r.item().containsKey("owner") ? Optional.of(OwnerKey.parse(r.item().get("owner").s()))
                : Optional.empty();
    }

    @Override
    public void addFree(VipPool pool, String address) {
        ddb.putItem(b -> b.tableName(table).item(Keys.free(pool.id(), address)));
    }

    @Override
    public void dropFree(VipPool pool, String address) {
        ddb.deleteItem(b -> b.tableName(table).key(Keys.free(pool.id(), address)));
    }

    @Override
    public void release(OwnerKey owner) {
        Optional<Lease> lease = lease(owner);
        if (lease.isEmpty()) {
            return;
        }
        String ip = lease.get().address();
        free(owner, lease.get().pool(), ip, TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Keys.state(owner)).updateExpression("REMOVE vip, #p").conditionExpression("vip = :ip")
                .expressionAttributeNames(Map.of("#p", "pool")).expressionAttributeValues(Map.of(":ip", s(ip))))
                .build(), "release of " + ip);
    }

    /**
     * Gives an address of the owner back to its pool's free list with the state change that goes with it, in one
     * transaction. A failed condition means another delivery did it already; anything else throws.
     */
    private void free(OwnerKey owner, String pool, String ip, TransactWriteItem stateChange, String what) {
        try {
            ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(Keys.address(pool, ip))
                            .conditionExpression("#o = :me").expressionAttributeNames(Map.of("#o", "owner"))
                            .expressionAttributeValues(Map.of(":me", s(owner.id())))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(Keys.free(pool, ip))).build(),
                    stateChange));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().noneMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw new StoreConflictException(what + " in " + pool + " was cancelled", e);
            }
        }
    }

    @Override
    public ClaimResult move(VipPool pool, String address, OwnerKey owner, Lease from) {
        Map<String, AttributeValue> addr = new HashMap<>(Keys.address(pool.id(), address));
        addr.put("owner", s(owner.id()));
        try {
            ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(addr)
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().delete(d -> d.tableName(table).key(Keys.free(pool.id(), address)))
                            .build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(Keys.state(owner))
                            .updateExpression("SET vip = :ip, #p = :pool, movedFrom = :from")
                            .conditionExpression("vip = :old AND attribute_not_exists(movedFrom)")
                            .expressionAttributeNames(Map.of("#p", "pool"))
                            .expressionAttributeValues(Map.of(":ip", s(address), ":pool", s(pool.id()),
                                    ":old", s(from.address()), ":from", s(from.pool() + "|" + from.address()))))
                            .build()));
            return ClaimResult.CLAIMED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 2)) {
                return ClaimResult.OWNER_HAS_OTHER;
            }
            if (failed(reasons, 0)) {
                return ClaimResult.ADDRESS_TAKEN;
            }
            throw new StoreConflictException("move to " + address + " in " + pool.id() + " was cancelled: "
                    + reasons, e);
        }
    }

    @Override
    public Optional<Lease> movedFrom(OwnerKey owner) {
        GetItemResponse r = ddb.getItem(b -> b.tableName(table).key(Keys.state(owner)).consistentRead(true)
                .projectionExpression("movedFrom"));
        if (!r.hasItem() || !r.item().containsKey("movedFrom")) {
            return Optional.empty();
        }
        String[] from = r.item().get("movedFrom").s().split("\\|", 2);
        return Optional.of(new Lease(from[0], from[1]));
    }

    @Override
    public void finishMove(OwnerKey owner) {
        Optional<Lease> from = movedFrom(owner);
        if (from.isEmpty()) {
            return;
        }
        String pool = from.get().pool();
        String ip = from.get().address();
        free(owner, pool, ip, TransactWriteItem.builder().update(u -> u.tableName(table).key(Keys.state(owner))
                .updateExpression("REMOVE movedFrom").conditionExpression("movedFrom = :from")
                .expressionAttributeValues(Map.of(":from", s(pool + "|" + ip)))).build(), "freeing " + ip
                + " after a move");
    }

    @Override
    public int returnStranded(VipPool pool) {
        long next = 0;
        java.util.Set<String> accounted = new java.util.HashSet<>();
        for (Map<String, AttributeValue> item : ddb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(Keys.poolPk(pool.id())))))
                .items()) {
            String sk = item.get(Keys.SK).s();
            if (sk.equals(Keys.META)) {
                next = item.containsKey("next") ? Long.parseLong(item.get("next").n()) : 0;
            } else {
                accounted.add(sk.substring(sk.indexOf('#') + 1));
            }
        }
        int returned = 0;
        for (long i = 0; i < Math.min(next, pool.size()); i++) {
            String ip = pool.addressAt(i);
            if (!accounted.contains(ip)) {
                addFree(pool, ip);
                returned++;
            }
        }
        return returned;
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
