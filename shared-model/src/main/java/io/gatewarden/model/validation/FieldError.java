package io.gatewarden.model.validation;

/**
 * One thing wrong with one field, printed the way Kubernetes prints field errors:
 * {@code spec.listeners[0].port: Invalid value: 70000: must be between 1 and 65535}.
 *
 * @param type     what kind of problem
 * @param path     where
 * @param badValue the offending value (null when the field is missing)
 * @param detail   what is wrong and what would be valid
 */
public record FieldError(Type type, FieldPath path, Object badValue, String detail) {

    public enum Type {
        REQUIRED("Required value"),
        INVALID("Invalid value"),
        FORBIDDEN("Forbidden"),
        NOT_SUPPORTED("Unsupported value"),
        DUPLICATE("Duplicate value"),
        NOT_FOUND("Not found"),
        UNKNOWN_FIELD("Unknown field"),
        INVALID_TYPE("Invalid type"),
        SYNTAX("Syntax error");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static FieldError required(FieldPath path, String detail) {
        return new FieldError(Type.REQUIRED, path, null, detail);
    }

    public static FieldError invalid(FieldPath path, Object value, String detail) {
        return new FieldError(Type.INVALID, path, value, detail);
    }

    public static FieldError forbidden(FieldPath path, String detail) {
        return new FieldError(Type.FORBIDDEN, path, null, detail);
    }

    public static FieldError notSupported(FieldPath path, Object value, String detail) {
        return new FieldError(Type.NOT_SUPPORTED, path, value, detail);
    }

    public static FieldError duplicate(FieldPath path, Object value, String detail) {
        return new FieldError(Type.DUPLICATE, path, value, detail);
    }

    public static FieldError notFound(FieldPath path, Object value, String detail) {
        return new FieldError(Type.NOT_FOUND, path, value, detail);
    }

    /** The message without the path: {@code Invalid value: "x": detail}. */
    public String message() {
        StringBuilder sb = new StringBuilder(type.text());
        if (badValue != null) {
            sb.append(": ").append(badValue instanceof String s ? quote(s) : String.valueOf(badValue));
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String toString() {
        return path.isRoot() ? message() : path + ": " + message();
    }
}
