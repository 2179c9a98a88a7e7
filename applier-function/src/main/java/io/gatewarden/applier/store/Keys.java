package io.gatewarden.applier.store;

import io.gatewarden.applier.identity.OwnerKey;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The single table's key design (see the module README):
 * <pre>
 * pk                          sk            what
 * POOL#&lt;cidr&gt;                 META          next (allocation cursor), size
 * POOL#&lt;cidr&gt;                 ADDR#&lt;ip&gt;     owner: the address is taken (conditional put = one owner)
 * POOL#&lt;cidr&gt;                 FREE#&lt;ip&gt;     a released address, reused once the cursor reached the end
 * OBJ#&lt;cluster/kind/ns/name&gt;  STATE         status, reason, vip, placement, uid/resourceVersion, parents, realized
 * SHARDS#&lt;cluster&gt;#&lt;setting&gt;  HOST#&lt;host&gt;   the shard a host is placed on (stable)
 * SHARDS#&lt;cluster&gt;#&lt;setting&gt;  ON#&lt;n&gt;#&lt;host&gt; the same placement indexed by shard (written with it)
 * LINKS#&lt;parent owner&gt;        CHILD#&lt;owner&gt;  a member Service / route / Ingress of a Gateway or shard
 * LOCK#&lt;lb&gt;/&lt;virtual service&gt;  LOCK          holder, until: the lease of whoever applies it now
 * BUILD#&lt;parent owner&gt;       BUILD         dirty, applied generations; pending children (see GenerationStore)
 * NAME#&lt;LB&gt;:&lt;name&gt;           OWNER         owner: who may write the load-balancer object of that name
 * </pre>
 */
public final class Keys {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String META = "META";
    public static final String STATE = "STATE";
    public static final String CHILD = "CHILD#";

    private Keys() {
    }

    public static Map<String, AttributeValue> poolMeta(String pool) {
        return key("POOL#" + pool, META);
    }

    public static Map<String, AttributeValue> address(String pool, String ip) {
        return key("POOL#" + pool, "ADDR#" + ip);
    }

    public static Map<String, AttributeValue> free(String pool, String ip) {
        return key("POOL#" + pool, "FREE#" + ip);
    }

    public static String poolPk(String pool) {
        return "POOL#" + pool;
    }

    public static Map<String, AttributeValue> state(OwnerKey owner) {
        return key("OBJ#" + owner.id(), STATE);
    }

    public static Map<String, AttributeValue> hostPlacement(String cluster, String setting, String host) {
        return key("SHARDS#" + cluster + "#" + setting, "HOST#" + host);
    }

    /** The shard-indexed twin of {@link #hostPlacement}: one query reads the hosts of one shard. */
    public static Map<String, AttributeValue> shardPlacement(String cluster, String setting, int shard, String host) {
        return key("SHARDS#" + cluster + "#" + setting, onShard(shard) + host);
    }

    /** The sort-key prefix of the hosts on one shard. */
    public static String onShard(int shard) {
        return "ON#" + shard + "#";
    }

    public static String shardsPk(String cluster, String setting) {
        return "SHARDS#" + cluster + "#" + setting;
    }

    public static Map<String, AttributeValue> link(OwnerKey parent, OwnerKey child) {
        return key(linksPk(parent), CHILD + child.id());
    }

    public static Map<String, AttributeValue> lock(String name) {
        return key("LOCK#" + name, "LOCK");
    }

    public static Map<String, AttributeValue> name(String lbAndName) {
        return key("NAME#" + lbAndName, "OWNER");
    }

    public static Map<String, AttributeValue> build(OwnerKey parent) {
        return key("BUILD#" + parent.id(), "BUILD");
    }

    public static String linksPk(OwnerKey parent) {
        return "LINKS#" + parent.id();
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
