package io.gatewarden.webhook.check;

import io.gatewarden.webhook.policy.Finding;

/** A finding and where it was written: file and 1-based line (0 when unknown). */
public record LocatedFinding(Finding finding, String file, int line) {
}
