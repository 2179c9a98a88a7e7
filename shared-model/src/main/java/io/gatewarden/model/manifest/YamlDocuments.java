package io.gatewarden.model.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a YAML stream at its document markers ({@code ---} and {@code ...} at column 0, as the YAML spec
 * defines them) so that a syntax error in one document does not hide the documents after it: SnakeYAML
 * stops the whole stream at the first error.
 */
final class YamlDocuments {

    private static final Pattern START = Pattern.compile("^---(\\s.*)?$");
    private static final Pattern END = Pattern.compile("^\\.\\.\\.\\s*$");

    /** One document's text and the 1-based line of its first line in the stream. */
    record Document(String text, int firstLine) {
    }

    private YamlDocuments() {
    }

    static List<Document> split(String stream) {
        List<Document> docs = new ArrayList<>();
        String[] lines = stream.split("\r?\n", -1);
        StringBuilder current = new StringBuilder();
        int first = 1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean start = START.matcher(line).matches();
            if (start || END.matcher(line).matches()) {
                add(docs, current, first);
                current.setLength(0);
                first = i + 1;
                if (start) {
                    // keep "--- {...}" content on the marker line, minus the marker itself
                    current.append(line.length() > 3 ? "   " + line.substring(3) : "").append('\n');
                    continue;
                }
                first = i + 2;
                continue;
            }
            current.append(line).append('\n');
        }
        add(docs, current, first);
        return docs;
    }

    private static final Pattern INDENTED_MARKER = Pattern.compile("^\\s+---\\s*$");

    /**
     * A hint for a syntax error at {@code line}: an indented {@code ---} is not a document separator, and
     * glues two objects into one broken document.
     */
    static String hint(Document doc, int line) {
        String[] lines = doc.text().split("\n", -1);
        int last = Math.min(line - doc.firstLine(), lines.length - 1);
        for (int i = Math.max(0, last - 2); i <= last; i++) {
            if (INDENTED_MARKER.matcher(lines[i]).matches()) {
                return "; line " + (doc.firstLine() + i)
                        + " has an indented \"---\", which is not a document separator: move it to column 0";
            }
        }
        return "";
    }

    private static void add(List<Document> docs, StringBuilder text, int first) {
        if (!text.toString().isBlank()) {
            docs.add(new Document(text.toString(), first));
        }
    }
}
