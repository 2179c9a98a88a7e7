package io.gatewarden.webhook.policy;

import io.gatewarden.model.k8s.KubernetesObject;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Per-object exemptions, written on the object itself so they travel with it through review:
 * {@code gatewarden.io/ignore: RULE-ID[,RULE-ID]} and {@code gatewarden.io/ignore-reason: why}. An ignored rule's
 * finding is still reported, as a warning carrying the reason, so the exemption stays visible in {@code check}
 * output and in {@code kubectl apply}'s warnings; it never denies.
 */
public final class Suppressions {

    public static final String IGNORE_ANNOTATION = "gatewarden.io/ignore";
    public static final String REASON_ANNOTATION = "gatewarden.io/ignore-reason";

    private Suppressions() {
    }

    /** {@code findings} with those of the object's ignored rules turned into warnings. */
    public static List<Finding> apply(KubernetesObject object, List<Finding> findings) {
        Set<String> ignored = ignoredRules(object);
        if (ignored.isEmpty()) {
            return findings;
        }
        String reason = object.metadata().annotation(REASON_ANNOTATION);
        String note = "ignored by " + IGNORE_ANNOTATION + " ("
                + (reason == null || reason.isBlank() ? "no " + REASON_ANNOTATION + " given" : reason.trim()) + ")";
        return findings.stream().map(f -> ignored.contains(f.rule()) ? f.asWarningFirst(note) : f).toList();
    }

    /** The rule IDs the object's annotation names (upper-cased, blanks dropped). */
    public static Set<String> ignoredRules(KubernetesObject object) {
        String value = object == null || object.metadata() == null ? null
                : object.metadata().annotation(IGNORE_ANNOTATION);
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
    }
}
