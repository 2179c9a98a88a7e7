package io.gatewarden.webhook.check;

import java.util.List;

/** What {@code check} found in a set of manifests, and which objects it checked (for per-object reports). */
public record CheckResult(List<LocatedFinding> findings, List<CheckedObject> checked) {

    /** An object of the set and where it was written. {@code ref} is {@code Kind namespace/name}. */
    public record CheckedObject(String ref, String file, int line) {
    }

    public int objects() {
        return checked.size();
    }

    public long errors() {
        return findings.stream().filter(f -> f.finding().isError()).count();
    }

    public long warnings() {
        return findings.size() - errors();
    }

    /** The same objects with other findings (after configuration is applied). */
    public CheckResult withFindings(List<LocatedFinding> other) {
        return new CheckResult(other, checked);
    }
}
