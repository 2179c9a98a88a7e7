package io.gatewarden.model.manifest;

import io.gatewarden.model.validation.FieldPath;
import java.util.HashMap;
import java.util.Map;

/** Where each field of one parsed object starts in its file (1-based lines). */
public final class LineIndex {

    private final Map<String, Integer> lines = new HashMap<>();
    private final int objectLine;

    LineIndex(int objectLine) {
        this.objectLine = objectLine;
    }

    void put(String path, int line) {
        lines.putIfAbsent(path, line);
    }

    /** Line of the field, or of its closest ancestor that has one, or of the object. */
    public int lineOf(FieldPath path) {
        for (FieldPath p = path; ; p = p.parent()) {
            Integer line = lines.get(p.pointer());
            if (line != null) {
                return line;
            }
            if (p.isRoot()) {
                return objectLine;
            }
        }
    }

    public int objectLine() {
        return objectLine;
    }
}
