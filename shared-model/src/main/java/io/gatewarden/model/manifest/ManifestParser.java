package io.gatewarden.model.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads manifest text (multi-document YAML, JSON, {@code kind: List}) into objects plus problems. Never throws
 * for a user's mistake: a broken document becomes a problem and the following documents are still read.
 * Thread-safe and stateless.
 */
public final class ManifestParser {

    /** Deepest nesting of mappings and sequences a manifest may have (Kubernetes objects stay far below). */
    public static final int MAX_DEPTH = 100;
    /** Largest document, in code points. */
    public static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    /** Aliases to mappings or sequences per document (SnakeYAML's own budget against alias bombs). */
    public static final int MAX_ALIASES = 50;

    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(true)
            .setUseMarks(true)
            .setCodePointLimit(MAX_CODE_POINTS)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setAllowRecursiveKeys(false)
            .build();

    /** Parses {@code text} read from {@code source} (a file name, "-" for stdin). */
    public ParseResult parse(String source, String text) {
        List<ManifestObject> objects = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        for (YamlDocuments.Document doc : YamlDocuments.split(text)) {
            parseDocument(source, doc, objects, problems);
        }
        return new ParseResult(objects, problems);
    }

    private void parseDocument(String source, YamlDocuments.Document doc, List<ManifestObject> objects,
            List<ManifestProblem> problems) {
        Optional<Node> root;
        try {
            root = new Compose(SETTINGS).composeString(doc.text());
        } catch (StackOverflowError tooDeep) {
            throw new ManifestLimitException(source + ":" + doc.firstLine() + ": nested deeper than the reader allows ("
                    + MAX_DEPTH + " levels)");
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1) + doc.firstLine() - 1;
            problems.add(new ManifestProblem(source, line, "", "", null, "",
                    new FieldError(FieldError.Type.SYNTAX, FieldPath.root(), null,
                            syntaxMessage(e) + YamlDocuments.hint(doc, line))));
            return;
        } catch (YamlEngineException e) {
            String reason = oneLine(e.getMessage());
            if (reason.contains("aliases") || reason.contains("exceeds the limit") || reason.contains("Recursive key")) {
                throw new ManifestLimitException(source + ":" + doc.firstLine() + ": " + reason);
            }
            problems.add(new ManifestProblem(source, doc.firstLine(), "", "", null, "",
                    new FieldError(FieldError.Type.SYNTAX, FieldPath.root(), null, oneLine(e.getMessage()))));
            return;
        }
        if (root.isEmpty() || isNullScalar(root.get())) {
            return;
        }
        Node node = root.get();
        int offset = doc.firstLine() - 1;
        if (node instanceof MappingNode map && isBuildConfiguration(scalarField(map, "apiVersion"))) {
            return; // kustomization.yaml and its components configure a build; they are not cluster objects
        }
        if (node instanceof MappingNode map && "List".equals(scalarField(map, "kind"))) {
            Node items = field(map, "items");
            if (items instanceof SequenceNode seq) {
                for (Node item : seq.getValue()) {
                    readObject(source, item, offset, objects, problems);
                }
                return;
            }
        }
        readObject(source, node, offset, objects, problems);
    }

    private void readObject(String source, Node node, int offset, List<ManifestObject> objects,
            List<ManifestProblem> problems) {
        int line = YamlTree.lineOf(node, offset);
        if (!(node instanceof MappingNode)) {
            problems.add(new ManifestProblem(source, line, "", "", null, "",
                    FieldError.invalid(FieldPath.root(), null,
                            "a Kubernetes object must be a mapping with apiVersion, kind and metadata")));
            return;
        }
        LineIndex lines = new LineIndex(line);
        YamlTree.Converted converted;
        try {
            converted = YamlTree.convert(node, offset, lines, MAX_DEPTH);
        } catch (YamlTree.LimitReached limit) {
            throw new ManifestLimitException(source + ":" + line + ": " + limit.getMessage());
        }
        ObjectNode raw = (ObjectNode) converted.json();
        ManifestObject identity = new ManifestObject(source, line, raw, null, lines);
        List<FieldError> errors = new ArrayList<>();
        converted.duplicates().forEach(d -> problems.add(problem(identity, d.line(), d.error())));
        requireIdentity(raw, errors);
        KubernetesObject typed = null;
        Optional<Class<? extends KubernetesObject>> type = KindRegistry.typeOf(identity.apiVersion(), identity.kind());
        Optional<JsonNode> schema = StructuralSchemas.of(identity.apiVersion(), identity.kind());
        if (schema.isPresent()) {
            errors.addAll(SchemaCheck.check(raw, schema.get(), identity.kind()));
        } else if (type.isPresent()) {
            errors.addAll(SchemaCheck.check(raw, type.get()));
        }
        if (type.isPresent()) {
            typed = bind(raw, type.get(), errors);
        }
        errors.stream()
                .map(e -> problem(identity, lines.lineOf(e.path()), e))
                .sorted(java.util.Comparator.comparingInt(ManifestProblem::line))
                .forEach(problems::add);
        if (!identity.kind().isEmpty()) {
            objects.add(new ManifestObject(source, line, raw, typed, lines));
        }
    }

    private static void requireIdentity(ObjectNode raw, List<FieldError> errors) {
        if (!raw.path("apiVersion").isTextual() || raw.path("apiVersion").asText().isEmpty()) {
            errors.add(FieldError.required(FieldPath.root("apiVersion"), "every object needs an apiVersion, e.g. v1"));
        }
        if (!raw.path("kind").isTextual() || raw.path("kind").asText().isEmpty()) {
            errors.add(FieldError.required(FieldPath.root("kind"), "every object needs a kind, e.g. Service"));
        }
        JsonNode meta = raw.path("metadata");
        if (!meta.path("name").isTextual() || meta.path("name").asText().isEmpty()) {
            if (!meta.path("generateName").isTextual()) {
                errors.add(FieldError.required(FieldPath.root("metadata").child("name"),
                        "name the object (metadata.name)"));
            }
        }
    }

    private static KubernetesObject bind(ObjectNode raw, Class<? extends KubernetesObject> type,
            List<FieldError> errors) {
        try {
            return Json.mapper().treeToValue(raw, type);
        } catch (Exception e) {
            // SchemaCheck removes what cannot bind; this is a safety net, not a code path users should see.
            errors.add(FieldError.invalid(FieldPath.root(), null, "cannot be read as " + type.getSimpleName() + ": "
                    + oneLine(e.getMessage())));
            return null;
        }
    }

    private static ManifestProblem problem(ManifestObject o, int line, FieldError error) {
        return new ManifestProblem(o.source(), line, o.apiVersion(), o.kind(), o.namespace(), o.name(), error);
    }

    private static String syntaxMessage(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        String context = e.getContext();
        return oneLine(context == null ? problem : problem + " (" + context + ")");
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "invalid YAML";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static boolean isBuildConfiguration(String apiVersion) {
        return apiVersion != null && apiVersion.startsWith("kustomize.config.k8s.io/");
    }

    private static boolean isNullScalar(Node n) {
        return n instanceof ScalarNode s && (s.getValue().isEmpty() || "null".equals(s.getValue()) || "~".equals(s.getValue()));
    }

    private static Node field(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && key.equals(s.getValue())) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static String scalarField(MappingNode map, String key) {
        return field(map, key) instanceof ScalarNode s ? s.getValue() : null;
    }
}
