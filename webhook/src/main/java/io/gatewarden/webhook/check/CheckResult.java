package io.gatewarden.webhook.check;

import java.util.List;

/** What {@code check} found in a set of manifests. */
public record CheckResult(List<LocatedFinding> findings, int objects) {

    public long errors() {
        return findings.stream().filter(f -> f.finding().isError()).count();
    }

    public long warnings() {
        return findings.size() - errors();
    }
}
