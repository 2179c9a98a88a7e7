package io.gatewarden.webhook.admission;

import io.gatewarden.webhook.policy.Finding;

/** AdmissionReview warnings: kubectl prints each as one "Warning:" line, so they stay short. */
final class Warnings {

    private Warnings() {
    }

    /** {@code [RULE] field: message}, cut to {@code max} characters with an ellipsis. */
    static String of(Finding f, int max) {
        return trim("[" + f.rule() + "] " + f.fieldMessage(), max);
    }

    /** Any warning text cut to {@code max} characters with an ellipsis. */
    static String trim(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
