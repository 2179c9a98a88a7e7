package io.gatewarden.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.k8s.IntOrString;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a JSON tree against the record that models its kind: unknown fields and wrong value types, the
 * two mistakes the API server's strict decoding would refuse. The records are the schema, so adding a field
 * to a record is all it takes to teach the check. A value of the wrong type is reported and removed from
 * the tree so that binding the rest still works; unknown fields stay (they round-trip through {@code extra}).
 *
 * <p>Written here rather than with a JSON-Schema library because the schema would have to be maintained
 * twice (records and schema files) and drift.
 */
final class SchemaCheck {

    private static final Map<Class<?>, Map<String, Type>> FIELDS = new ConcurrentHashMap<>();

    private final List<FieldError> errors = new ArrayList<>();

    private SchemaCheck() {
    }

    static List<FieldError> check(ObjectNode node, Class<?> recordType) {
        SchemaCheck check = new SchemaCheck();
        check.checkRecord(node, recordType, FieldPath.root());
        return check.errors;
    }

    /**
     * Checks a custom resource against its CRD's structural schema (see {@link StructuralSchemas}): every depth,
     * matches and filters included. {@code metadata} is the API server's ObjectMeta and is checked by its record.
     */
    static List<FieldError> check(ObjectNode node, JsonNode schema, String kind) {
        SchemaCheck check = new SchemaCheck();
        JsonNode properties = schema.path("properties");
        List<String> wrong = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            FieldPath child = FieldPath.root(e.getKey());
            boolean ok;
            if (e.getKey().equals("metadata")) {
                ok = check.checkValue(e.getValue(), io.gatewarden.model.k8s.ObjectMeta.class, child);
            } else if (e.getKey().equals("apiVersion") || e.getKey().equals("kind")) {
                ok = check.expect(e.getValue().isTextual(), e.getValue(), child, "string");
            } else if (!properties.has(e.getKey())) {
                check.unknown(e.getKey(), child, kind, FieldPath.root(), properties);
                ok = true;
            } else {
                ok = check.checkSchemaValue(e.getValue(), properties.get(e.getKey()), child, kind);
            }
            if (!ok) {
                wrong.add(e.getKey());
            }
        }
        wrong.forEach(node::remove);
        return check.errors;
    }

    /** Returns false when the value has the wrong type (and was reported). */
    private boolean checkSchemaValue(JsonNode value, JsonNode schema, FieldPath path, String kind) {
        if (value.isNull()) {
            return true;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return expect(value.isTextual() || value.isIntegralNumber(), value, path, "integer or string");
        }
        switch (schema.path("type").asText("")) {
            case "string":
                return expect(value.isTextual(), value, path, "string");
            case "integer":
                return expect(value.isIntegralNumber() && value.canConvertToLong(), value, path, "integer");
            case "number":
                return expect(value.isNumber(), value, path, "number");
            case "boolean":
                return expect(value.isBoolean(), value, path, "boolean (true or false)");
            case "array":
                if (!expect(value.isArray(), value, path, "list")) {
                    return false;
                }
                ArrayNode array = (ArrayNode) value;
                for (int i = array.size() - 1; i >= 0; i--) {
                    if (!checkSchemaValue(array.get(i), schema.path("items"), path.index(i), kind)) {
                        array.remove(i);
                    }
                }
                return true;
            case "object":
                if (!expect(value.isObject(), value, path, "map")) {
                    return false;
                }
                checkSchemaObject((ObjectNode) value, schema, path, kind);
                return true;
            default:
                return true; // no type: anything goes
        }
    }

    private void checkSchemaObject(ObjectNode obj, JsonNode schema, FieldPath path, String kind) {
        JsonNode properties = schema.get("properties");
        JsonNode values = schema.get("additionalProperties");
        boolean open = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        List<String> wrong = new ArrayList<>();
        obj.fields().forEachRemaining(e -> {
            if (properties != null && properties.has(e.getKey())) {
                if (!checkSchemaValue(e.getValue(), properties.get(e.getKey()), path.child(e.getKey()), kind)) {
                    wrong.add(e.getKey());
                }
            } else if (values != null && values.isObject()) {
                if (!checkSchemaValue(e.getValue(), values, path.key(e.getKey()), kind)) {
                    wrong.add(e.getKey());
                }
            } else if (properties != null && !open) {
                unknown(e.getKey(), path.child(e.getKey()), kind, path, properties);
            }
        });
        wrong.forEach(obj::remove);
    }

    private void unknown(String field, FieldPath path, String kind, FieldPath parent, JsonNode properties) {
        List<String> known = new ArrayList<>();
        properties.fieldNames().forEachRemaining(known::add);
        if (parent.isRoot()) {
            known.add(0, "metadata");
        }
        errors.add(new FieldError(FieldError.Type.UNKNOWN_FIELD, path, null, "\"" + field + "\" is not a field of "
                + (parent.isRoot() ? kind : kind + " " + parent) + "; known fields: " + String.join(", ", known)));
    }

    private void checkRecord(ObjectNode node, Class<?> type, FieldPath path) {
        Map<String, Type> fields = fieldsOf(type);
        List<String> wrong = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Type fieldType = fields.get(e.getKey());
            FieldPath child = path.child(e.getKey());
            if (fieldType == null) {
                errors.add(new FieldError(FieldError.Type.UNKNOWN_FIELD, child, null,
                        "\"" + e.getKey() + "\" is not a field of " + describe(type, path) + "; known fields: "
                                + String.join(", ", fields.keySet())));
            } else if (!checkValue(e.getValue(), fieldType, child)) {
                wrong.add(e.getKey());
            }
        }
        wrong.forEach(node::remove);
    }

    /** Returns false when the value has the wrong type (and was reported). */
    private boolean checkValue(JsonNode value, Type type, FieldPath path) {
        if (value.isNull()) {
            return true;
        }
        Class<?> raw = rawClass(type);
        if (raw == String.class) {
            return expect(value.isTextual(), value, path, "string");
        }
        if (raw == Integer.class || raw == Long.class) {
            return expect(value.isIntegralNumber() && (raw == Long.class || value.canConvertToInt()), value, path,
                    "integer");
        }
        if (raw == Boolean.class) {
            return expect(value.isBoolean(), value, path, "boolean (true or false)");
        }
        if (raw == IntOrString.class) {
            return expect(value.isTextual() || value.isIntegralNumber(), value, path, "integer or string");
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return true;
        }
        if (List.class.isAssignableFrom(raw)) {
            if (!expect(value.isArray(), value, path, "list")) {
                return false;
            }
            Type item = typeArg(type, 0);
            ArrayNode array = (ArrayNode) value;
            for (int i = array.size() - 1; i >= 0; i--) {
                if (!checkValue(array.get(i), item, path.index(i))) {
                    array.remove(i);
                }
            }
            return true;
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (!expect(value.isObject(), value, path, "map")) {
                return false;
            }
            Type item = typeArg(type, 1);
            ObjectNode obj = (ObjectNode) value;
            List<String> wrong = new ArrayList<>();
            obj.fields().forEachRemaining(e -> {
                if (!checkValue(e.getValue(), item, path.key(e.getKey()))) {
                    wrong.add(e.getKey());
                }
            });
            wrong.forEach(obj::remove);
            return true;
        }
        if (raw.isRecord()) {
            if (!expect(value.isObject(), value, path, "object")) {
                return false;
            }
            checkRecord((ObjectNode) value, raw, path);
            return true;
        }
        return true;
    }

    private boolean expect(boolean ok, JsonNode value, FieldPath path, String expected) {
        if (!ok) {
            errors.add(new FieldError(FieldError.Type.INVALID_TYPE, path, shortValue(value),
                    "expected " + expected + ", got " + nodeType(value)));
        }
        return ok;
    }

    private static Object shortValue(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return null;
    }

    private static String nodeType(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isArray()) {
            return "list";
        }
        if (v.isObject()) {
            return "map";
        }
        return v.getNodeType().name().toLowerCase();
    }

    private static String describe(Class<?> type, FieldPath path) {
        String owner = type.getEnclosingClass() != null ? type.getEnclosingClass().getSimpleName() : type.getSimpleName();
        return path.isRoot() ? owner : owner + " " + path;
    }

    private static Map<String, Type> fieldsOf(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            Map<String, Type> fields = new LinkedHashMap<>();
            for (RecordComponent c : t.getRecordComponents()) {
                if (isExtra(c)) {
                    continue;
                }
                fields.put(c.getName(), c.getGenericType());
            }
            return fields;
        });
    }

    /** The {@code extra} component collects unknown fields (Jackson any-setter); it is not a field itself. */
    private static boolean isExtra(RecordComponent c) {
        return "extra".equals(c.getName()) && Map.class.equals(c.getType());
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArg(Type t, int i) {
        return t instanceof ParameterizedType p && p.getActualTypeArguments().length > i
                ? p.getActualTypeArguments()[i] : Object.class;
    }
}
