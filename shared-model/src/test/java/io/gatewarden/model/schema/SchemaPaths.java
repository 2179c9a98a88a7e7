package io.gatewarden.model.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.k8s.IntOrString;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Field paths with their types, from a structural schema or from a record: {@code spec.listeners[].port -> integer},
 * {@code []} for list items and {@code {}} for map values. Comparing the two sets is the CRD walk.
 */
final class SchemaPaths {

    private static final Set<String> RECORD_TOP_SKIPPED = Set.of("apiVersion", "kind", "metadata", "extra");

    private SchemaPaths() {
    }

    static Map<String, String> ofSchema(JsonNode schema) {
        Map<String, String> out = new TreeMap<>();
        walkSchema(schema, "", out);
        return out;
    }

    private static void walkSchema(JsonNode s, String path, Map<String, String> out) {
        if (!path.isEmpty()) {
            out.put(path, typeOf(s));
        }
        if (path.equals("metadata")) {
            return; // the API server's ObjectMeta, not the CRD's business
        }
        if (s.has("properties")) {
            s.get("properties").properties().forEach(e ->
                    walkSchema(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        }
        if (s.has("items")) {
            walkSchema(s.get("items"), path + "[]", out);
        }
        if (s.path("additionalProperties").isObject()) {
            walkSchema(s.get("additionalProperties"), path + "{}", out);
        }
    }

    static String typeOf(JsonNode s) {
        if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return "int-or-string";
        }
        String type = s.path("type").asText("");
        if (type.isEmpty()) {
            return "any";
        }
        return type;
    }

    /** Paths a record models; metadata (ObjectMeta) and the unknown-field map are not CRD paths. */
    static Map<String, String> ofRecord(Class<?> record) {
        Map<String, String> out = new TreeMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            if (!RECORD_TOP_SKIPPED.contains(c.getName())) {
                walkType(c.getGenericType(), c.getName(), out, 0);
            }
        }
        return out;
    }

    private static void walkType(Type t, String path, Map<String, String> out, int depth) {
        Class<?> raw = raw(t);
        if (depth > 20) {
            throw new IllegalStateException("record nesting too deep at " + path);
        }
        if (raw == String.class) {
            out.put(path, "string");
        } else if (raw == Integer.class || raw == Long.class) {
            out.put(path, "integer");
        } else if (raw == Boolean.class) {
            out.put(path, "boolean");
        } else if (raw == IntOrString.class) {
            out.put(path, "int-or-string");
        } else if (raw == Double.class) {
            out.put(path, "number");
        } else if (java.util.List.class.isAssignableFrom(raw)) {
            out.put(path, "array");
            walkType(arg(t, 0), path + "[]", out, depth + 1);
        } else if (Map.class.isAssignableFrom(raw)) {
            out.put(path, "object");
            Class<?> value = raw(arg(t, 1));
            if (value != Object.class) {
                walkType(arg(t, 1), path + "{}", out, depth + 1);
            }
        } else if (raw.isRecord()) {
            out.put(path, "object");
            for (RecordComponent c : raw.getRecordComponents()) {
                if (!"extra".equals(c.getName())) {
                    walkType(c.getGenericType(), path + "." + c.getName(), out, depth + 1);
                }
            }
        } else {
            out.put(path, "any");
        }
    }

    /** A record's type fits the schema's: objects and maps are both JSON objects; "any" fits everything. */
    static boolean compatible(String recordType, String schemaType) {
        return recordType.equals(schemaType) || recordType.equals("any") || schemaType.equals("any")
                || (recordType.equals("object") && schemaType.equals("object"));
    }

    private static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type arg(Type t, int i) {
        return t instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : Object.class;
    }
}
