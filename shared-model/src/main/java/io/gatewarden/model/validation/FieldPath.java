package io.gatewarden.model.validation;

/**
 * An immutable path to a field, built as validation descends: {@code root("spec").child("listeners").index(1)}
 * prints as {@code spec.listeners[1]}; map keys print in brackets: {@code matchLabels[ako.vmware.com/gateway-name]}.
 *
 * <p>Lives in the shared model because the manifest parser reports problems with the same paths the rules use.
 */
public final class FieldPath {

    private static final FieldPath ROOT = new FieldPath(null, "", "");

    private final FieldPath parent;
    private final String text;
    private final String pointer;

    private FieldPath(FieldPath parent, String text, String pointer) {
        this.parent = parent;
        this.text = text;
        this.pointer = pointer;
    }

    /** The empty path (the object itself). */
    public static FieldPath root() {
        return ROOT;
    }

    public static FieldPath root(String field) {
        return ROOT.child(field);
    }

    public FieldPath child(String field) {
        return new FieldPath(this, text.isEmpty() ? field : text + "." + field, pointer + "/" + escape(field));
    }

    public FieldPath index(int i) {
        return new FieldPath(this, text + "[" + i + "]", pointer + "/" + i);
    }

    public FieldPath key(String key) {
        return new FieldPath(this, text + "[" + key + "]", pointer + "/" + escape(key));
    }

    public FieldPath parent() {
        return parent == null ? ROOT : parent;
    }

    /**
     * The same location as an RFC 6901 JSON Pointer ({@code /metadata/annotations/a~1b}): fields and map keys
     * look alike there, so it identifies a location however the path was built.
     */
    public String pointer() {
        return pointer;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    public boolean isRoot() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
