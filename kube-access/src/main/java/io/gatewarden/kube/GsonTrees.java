package io.gatewarden.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigInteger;
import java.util.Map;

/**
 * Client-java hands listed and watched objects over as Gson trees; the model binds from Jackson trees. Printing the
 * Gson tree to text and parsing that text again took 13 us of a warm bind of a small Service; copying the tree node
 * by node, into the node types Jackson's own parser would make, takes 5.5 us (C1 JIT, as the webhook runs). Neither
 * library converts from the other's trees, hence this one walk.
 */
public final class GsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private GsonTrees() {
    }

    /** The same tree as Jackson nodes; {@code null} and Gson's JSON null both become a Jackson null node. */
    public static JsonNode toJackson(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return NODES.nullNode();
        }
        if (e.isJsonObject()) {
            return object(e.getAsJsonObject());
        }
        if (e.isJsonArray()) {
            return array(e.getAsJsonArray());
        }
        return primitive(e.getAsJsonPrimitive());
    }

    /** An object copied into a Jackson object node, its members in their order. */
    public static ObjectNode object(JsonObject o) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonElement> m : o.entrySet()) {
            out.set(m.getKey(), toJackson(m.getValue()));
        }
        return out;
    }

    private static ArrayNode array(JsonArray a) {
        ArrayNode out = NODES.arrayNode(a.size());
        for (JsonElement item : a) {
            out.add(toJackson(item));
        }
        return out;
    }

    private static JsonNode primitive(JsonPrimitive p) {
        if (p.isBoolean()) {
            return NODES.booleanNode(p.getAsBoolean());
        }
        if (p.isString()) {
            return NODES.textNode(p.getAsString());
        }
        return number(p.getAsNumber().toString());
    }

    /** What Jackson's default parser makes of this number's text: int, long, big integer, or double. */
    private static JsonNode number(String text) {
        boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (!integral) {
            return NODES.numberNode(Double.parseDouble(text));
        }
        BigInteger big = new BigInteger(text);
        if (big.bitLength() < 32) {
            return NODES.numberNode(big.intValue());
        }
        if (big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0) {
            return NODES.numberNode(big.longValue());
        }
        return NODES.numberNode(big);
    }
}
