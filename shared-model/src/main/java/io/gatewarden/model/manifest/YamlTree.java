package io.gatewarden.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns a composed SnakeYAML node graph into a Jackson tree while recording the line of every field and
 * reporting duplicate mapping keys (the later value wins, as in most YAML loaders, but it is an error).
 * SnakeYAML's constructor would either reject duplicates outright (losing the document) or silently keep
 * one; composing and converting ourselves keeps both the document and the report.
 */
final class YamlTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Nodes a document may expand to per character of its text: aliases beyond this are a bomb, not a manifest. */
    private static final int NODES_PER_CHARACTER = 4;
    private static final int MIN_NODE_BUDGET = 10_000;

    /** Reached a reader limit; the parser turns it into a {@link ManifestLimitException} naming the source. */
    static final class LimitReached extends RuntimeException {
        LimitReached(String message) {
            super(message, null, false, false);
        }
    }

    private final int lineOffset;
    private final LineIndex lines;
    private final List<LocatedError> duplicates = new ArrayList<>();
    private int maxDepth;
    private long budget;

    private YamlTree(int lineOffset, LineIndex lines) {
        this.lineOffset = lineOffset;
        this.lines = lines;
    }

    /** A field error and the 1-based line it was found on. */
    record LocatedError(FieldError error, int line) {
    }

    /** The converted tree and the duplicate keys found in it. */
    record Converted(JsonNode json, List<LocatedError> duplicates) {
    }

    /** Converts {@code node}; field lines go to {@code lines}. */
    static Converted convert(Node node, int lineOffset, LineIndex lines, int maxDepth) {
        YamlTree tree = new YamlTree(lineOffset, lines);
        tree.maxDepth = maxDepth;
        tree.budget = Math.max(MIN_NODE_BUDGET, (long) NODES_PER_CHARACTER * textLength(node));
        JsonNode result = tree.toJson(node, FieldPath.root(), 0);
        return new Converted(result, tree.duplicates);
    }

    /** Characters the node's text spans (from its marks), a measure of what it may legitimately expand to. */
    private static long textLength(Node node) {
        return node.getEndMark().map(m -> (long) m.getIndex()).orElse(0L)
                - node.getStartMark().map(m -> (long) m.getIndex()).orElse(0L);
    }

    static int lineOf(Node node, int lineOffset) {
        return node.getStartMark().map(m -> m.getLine() + 1 + lineOffset).orElse(lineOffset + 1);
    }

    private JsonNode toJson(Node node, FieldPath path, int depth) {
        if (depth > maxDepth) {
            throw new LimitReached("nested deeper than " + maxDepth + " levels at " + path);
        }
        if (--budget < 0) {
            throw new LimitReached("aliases expand it beyond " + NODES_PER_CHARACTER
                    + " nodes per character of its text (an alias bomb?)");
        }
        if (node instanceof MappingNode map) {
            ObjectNode obj = NODES.objectNode();
            Map<String, Integer> seen = new HashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "<complex key>";
                FieldPath child = path.child(key);
                int keyLine = lineOf(tuple.getKeyNode(), lineOffset);
                Integer first = seen.putIfAbsent(key, keyLine);
                if (first != null) {
                    duplicates.add(new LocatedError(FieldError.duplicate(child, key,
                            "mapping key \"" + key + "\" appears again (first at line " + first
                                    + "); only the last value is kept, remove one of them"), keyLine));
                }
                lines.put(child.pointer(), keyLine);
                obj.set(key, toJson(tuple.getValueNode(), child, depth + 1));
            }
            return obj;
        }
        if (node instanceof SequenceNode seq) {
            ArrayNode arr = NODES.arrayNode();
            int i = 0;
            for (Node item : seq.getValue()) {
                FieldPath child = path.index(i++);
                lines.put(child.pointer(), lineOf(item, lineOffset));
                arr.add(toJson(item, child, depth + 1));
            }
            return arr;
        }
        return scalar((ScalarNode) node);
    }

    private static JsonNode scalar(ScalarNode s) {
        String v = s.getValue();
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return NODES.booleanNode(v.equalsIgnoreCase("true"));
        }
        if (Tag.INT.equals(tag)) {
            try {
                BigInteger big = parseInt(v);
                return big.bitLength() < 63 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
            } catch (NumberFormatException e) {
                return NODES.textNode(v);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return NODES.numberNode(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                return NODES.textNode(v);
            }
        }
        return NODES.textNode(v);
    }

    private static BigInteger parseInt(String v) {
        String s = v.replace("_", "");
        boolean negative = s.startsWith("-");
        if (s.startsWith("+") || negative) {
            s = s.substring(1);
        }
        BigInteger n;
        if (s.startsWith("0x")) {
            n = new BigInteger(s.substring(2), 16);
        } else if (s.startsWith("0o")) {
            n = new BigInteger(s.substring(2), 8);
        } else {
            n = new BigInteger(s);
        }
        return negative ? n.negate() : n;
    }
}
