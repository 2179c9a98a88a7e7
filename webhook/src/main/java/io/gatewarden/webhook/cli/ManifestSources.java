package io.gatewarden.webhook.cli;

import io.gatewarden.model.manifest.ManifestParser;
import io.gatewarden.model.manifest.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads files, directories (recursively: .yaml, .yml, .json, in name order) and stdin ("-"). */
public final class ManifestSources {

    /** A path that cannot be read: a usage error (exit 2), not a finding. */
    public static final class UnreadablePathException extends RuntimeException {
        public UnreadablePathException(String message) {
            super(message);
        }
    }

    private final ManifestParser parser = new ManifestParser();

    public ParseResult read(List<String> paths, InputStream stdin) {
        List<ParseResult> parts = new ArrayList<>();
        for (String p : paths) {
            if ("-".equals(p)) {
                parts.add(parser.parse("-", readAll(stdin)));
            } else {
                for (Path file : files(Path.of(p))) {
                    parts.add(parser.parse(file.toString(), readFile(file)));
                }
            }
        }
        return ParseResult.merge(parts);
    }

    private static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new UnreadablePathException("cannot read " + path + ": no such file or directory");
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile).filter(ManifestSources::isManifest).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadablePathException("cannot read directory " + path + ": " + e.getMessage());
        }
    }

    private static boolean isManifest(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadablePathException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnreadablePathException("cannot read stdin: " + e.getMessage());
        }
    }
}
