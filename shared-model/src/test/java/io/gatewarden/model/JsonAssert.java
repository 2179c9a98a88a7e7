package io.gatewarden.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** Tree equality with numbers compared by value (YAML reads longs, JSON ints, records may hold either). */
public final class JsonAssert {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonAssert() {
    }

    public static void assertSameTree(JsonNode expected, JsonNode actual) {
        assertTrue(expected.equals(NUMBERS_BY_VALUE, actual), () -> "expected\n" + expected + "\nbut was\n" + actual);
    }
}
