package io.gatewarden.model.manifest;

/**
 * Input beyond what the manifest reader takes — aliases that expand past the budget (an "alias bomb"), nesting
 * deeper than {@link ManifestParser#MAX_DEPTH}, a document above {@link ManifestParser#MAX_CODE_POINTS}. The whole
 * input is refused with this one-line reason (naming the source): {@code check} exits 2, {@code POST /check}
 * answers 400. Not a finding: nothing of such input is judged.
 */
public final class ManifestLimitException extends RuntimeException {

    public ManifestLimitException(String message) {
        super(message, null, false, false); // one line for the user: no stack trace to fill or print
    }
}
