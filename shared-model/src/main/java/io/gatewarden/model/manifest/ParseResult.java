package io.gatewarden.model.manifest;

import java.util.ArrayList;
import java.util.List;

/** Objects read from one or more manifests, and the problems found while reading them. */
public record ParseResult(List<ManifestObject> objects, List<ManifestProblem> problems) {

    public static ParseResult merge(List<ParseResult> parts) {
        List<ManifestObject> objects = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        for (ParseResult p : parts) {
            objects.addAll(p.objects());
            problems.addAll(p.problems());
        }
        return new ParseResult(objects, problems);
    }
}
