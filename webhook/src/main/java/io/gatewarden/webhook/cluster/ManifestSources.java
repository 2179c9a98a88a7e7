package io.gatewarden.webhook.cluster;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads files, directories (recursively: .yaml, .yml, .json, in name order) and stdin ("-"). A directory given
 * by name that holds a {@code kustomization.yaml} is rendered with {@code kubectl kustomize} instead, as the
 * cluster would receive it.
 */
public final class ManifestSources {

    /** A path that cannot be read: a usage error (exit 2), not a finding. */
    public static final class UnreadablePathException extends RuntimeException {
        public UnreadablePathException(String message) {
            super(message);
        }
    }

    /** What was read, and the given paths that yielded no object. */
    public record Read(ParseResult parsed, List<String> emptyPaths) {
    }

    static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final long KUSTOMIZE_TIMEOUT_SECONDS = 120;

    private final ManifestParser parser = new ManifestParser();
    private final String kubectl;

    public ManifestSources() {
        this("kubectl");
    }

    /** With another kubectl executable (tests use a missing one to see the hint). */
    public ManifestSources(String kubectl) {
        this.kubectl = kubectl;
    }

    public ParseResult read(List<String> paths, InputStream stdin) {
        return read(paths, stdin, p -> false).parsed();
    }

    /** Reads {@code paths}, skipping files {@code excluded} matches. */
    public Read read(List<String> paths, InputStream stdin, Predicate<Path> excluded) {
        List<ParseResult> parts = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (String p : paths) {
            List<ParseResult> own = new ArrayList<>();
            if ("-".equals(p)) {
                own.add(parser.parse("-", readAll(stdin)));
            } else if (isKustomization(Path.of(p))) {
                own.add(parser.parse(p, kustomize(Path.of(p))));
            } else {
                for (Path file : files(Path.of(p))) {
                    if (!excluded.test(file)) {
                        own.add(parser.parse(file.toString(), readFile(file)));
                    }
                }
            }
            if (own.stream().allMatch(r -> r.objects().isEmpty())) {
                empty.add(p);
            }
            parts.addAll(own);
        }
        return new Read(ParseResult.merge(parts), empty);
    }

    static boolean isKustomization(Path dir) {
        return Files.isDirectory(dir) && KUSTOMIZATION_FILES.stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /** {@code kubectl kustomize DIR}'s output; a usage error when kubectl is missing or the build fails. */
    private String kustomize(Path dir) {
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).start();
        } catch (IOException e) {
            throw new UnreadablePathException(dir + " is a kustomize folder (kustomization.yaml) and kubectl is not on "
                    + "the PATH to render it; install kubectl, or run `kustomize build " + dir
                    + " | gatewarden check -f -`");
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String out = readAll(process.getInputStream());
        try {
            if (!process.waitFor(KUSTOMIZE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new UnreadablePathException("kubectl kustomize " + dir + " did not finish within "
                        + KUSTOMIZE_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreadablePathException("interrupted while rendering " + dir);
        }
        if (process.exitValue() != 0) {
            String reason = err.join().lines().filter(l -> !l.isBlank()).findFirst().orElse("exit " + process.exitValue());
            throw new UnreadablePathException("kubectl kustomize " + dir + " failed: " + reason);
        }
        return out;
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
        return (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")) && !n.equals(".gatewarden.yaml");
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
