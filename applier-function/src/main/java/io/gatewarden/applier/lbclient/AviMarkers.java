package io.gatewarden.applier.lbclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The markers (Avi's {@code RoleFilterMatchLabel}: a key and values, kept by the controller) Gatewarden writes on
 * its objects: the owner ({@code cluster/kind/namespace/name}) on every object, and on the VsVip the pools of that
 * virtual service that its policy set may not reference: pools about to be created, and pools no longer wanted but
 * not yet deleted (a superset: names of pools since referenced may linger until the next apply). The VsVip is
 * written first and deleted last, so a pool whose deletion failed after its policy set stopped naming it is still
 * found by the next attempt, instead of staying on the controller without an owner.
 */
final class AviMarkers {

    /** The marker key that names an object's owner: {@code cluster/kind/namespace/name}. */
    static final String OWNER = "gatewarden-owner";
    /** The VsVip marker key that lists the pools outside the policy set's references (see the class comment). */
    static final String PENDING_POOLS = "gatewarden-pending-pools";
    /** {@code created_by} of every object Gatewarden makes (VsVip has no such field: the marker alone). */
    static final String CREATED_BY = "gatewarden";

    private AviMarkers() {
    }

    /** Marks an object with its owner, so nobody else's apply or delete touches it. */
    static ObjectNode owned(ObjectNode o, String owner, boolean hasCreatedBy) {
        if (owner == null) {
            return o;
        }
        if (hasCreatedBy) {
            o.put("created_by", CREATED_BY);
        }
        o.withArray("markers").addObject().put("key", OWNER).putArray("values").add(owner);
        return o;
    }

    /** Replaces the pending-pools marker of a VsVip (none when {@code pools} is empty); other markers stay. */
    static ObjectNode withPendingPools(ObjectNode vsvip, Collection<String> pools) {
        JsonNode before = vsvip.path("markers").deepCopy();
        ArrayNode kept = vsvip.putArray("markers");
        for (JsonNode m : before) {
            if (!PENDING_POOLS.equals(m.path("key").asText())) {
                kept.add(m);
            }
        }
        if (!pools.isEmpty()) {
            ArrayNode values = kept.addObject().put("key", PENDING_POOLS).putArray("values");
            pools.stream().sorted().forEach(values::add);
        }
        return vsvip;
    }

    /** The pools a VsVip's pending-pools marker lists. */
    static Set<String> pendingPools(JsonNode vsvip) {
        Set<String> pools = new LinkedHashSet<>();
        for (JsonNode m : vsvip.path("markers")) {
            if (PENDING_POOLS.equals(m.path("key").asText())) {
                m.path("values").forEach(v -> pools.add(v.asText()));
            }
        }
        return pools;
    }

    /**
     * Who else owns an existing object, if anyone: its {@code created_by} names another creator (AKO writes
     * {@code ako-<cluster>}), or its owner marker names another owner. An object with neither is adopted.
     */
    static Optional<String> foreignOwner(JsonNode existing, String owner) {
        String createdBy = existing.path("created_by").asText("");
        if (!createdBy.isEmpty() && !createdBy.equals(CREATED_BY)) {
            return Optional.of("created by " + createdBy);
        }
        for (JsonNode m : existing.path("markers")) {
            if (OWNER.equals(m.path("key").asText())) {
                String theirs = m.path("values").path(0).asText();
                return owner != null && owner.equals(theirs) ? Optional.empty() : Optional.of("owned by " + theirs);
            }
        }
        return Optional.empty();
    }
}
