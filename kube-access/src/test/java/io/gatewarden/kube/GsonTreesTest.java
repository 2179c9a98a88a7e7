package io.gatewarden.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonParser;
import io.gatewarden.model.manifest.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Gson tree copied to Jackson equals, node type for node type, what Jackson parses from the same text. */
class GsonTreesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "[]",
        "null",
        "{\"a\": null, \"b\": [null, true, false], \"c\": {\"d\": \"é\\u0000\\n\"}}",
        "{\"int\": 80, \"negative\": -1, \"zero\": -0, \"edge\": 2147483647, \"past\": 2147483648}",
        "{\"long\": 9223372036854775807, \"big\": 9223372036854775808, \"bigNeg\": -9223372036854775809}",
        "{\"float\": 1.5, \"whole\": 1.0, \"exp\": 1e3, \"EXP\": -2E-2}",
        "{\"metadata\": {\"name\": \"svc\", \"labels\": {\"ako.vmware.com/gateway-name\": \"gw\"},"
                + " \"managedFields\": [{\"fieldsV1\": {\"f:spec\": {\"f:ports\": {}}}}]}, \"spec\": {\"ports\":"
                + " [{\"port\": 80, \"protocol\": \"TCP\"}, {\"port\": 161, \"protocol\": \"UDP\"}]}}",
        "{\"order\": 1, \"kept\": 2, \"as\": 3, \"written\": 4}"
    })
    void copiesToWhatJacksonWouldHaveParsed(String text) throws Exception {
        JsonNode expected = Json.mapper().readTree(text);
        JsonNode copied = GsonTrees.toJackson(JsonParser.parseString(text));
        assertEquals(expected, copied);
        assertEquals(types(expected), types(copied), "node types, in order");
    }

    private static String types(JsonNode n) {
        StringBuilder out = new StringBuilder(n.getNodeType() + ":" + n.getClass().getSimpleName());
        n.fields().forEachRemaining(f -> out.append(" ").append(f.getKey()).append("=").append(types(f.getValue())));
        if (n.isArray()) {
            n.forEach(item -> out.append(" [").append(types(item)).append("]"));
        }
        return out.toString();
    }
}
