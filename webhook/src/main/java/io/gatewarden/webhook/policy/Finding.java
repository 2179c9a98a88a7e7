package io.gatewarden.webhook.policy;

import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;

/**
 * One rule's verdict on one field of one object.
 *
 * @param rule     stable rule ID from the catalogue
 * @param severity error or warning
 * @param object   the object it is about
 * @param field    dotted field path, e.g. {@code spec.listeners[1].routes.selector.matchLabels}
 * @param message  what is wrong and what would be valid (the field error without its path)
 * @param missing  when the finding is about a referenced object that was not found: that object, e.g.
 *                 {@code Gateway default/gw}; null otherwise. {@code check} weighs these by where it could look.
 */
public record Finding(String rule, Severity severity, ObjectRef object, FieldPath field, String message,
        String missing) {

    public static Finding of(Rule rule, ObjectRef object, FieldError error) {
        return new Finding(rule.id(), rule.severity(), object, error.path(), error.message(), null);
    }

    /** A finding about a referenced object that does not exist where the rules looked. */
    public static Finding missing(Rule rule, ObjectRef object, FieldError error, String missingObject) {
        return new Finding(rule.id(), rule.severity(), object, error.path(), error.message(), missingObject);
    }

    /** The same finding as a warning, its message followed by {@code note}. */
    public Finding asWarning(String note) {
        return new Finding(rule, Severity.WARNING, object, field, message + " (" + note + ")", missing);
    }

    /** The same finding as a warning, its message preceded by {@code note} (kept visible in short warnings). */
    public Finding asWarningFirst(String note) {
        return new Finding(rule, Severity.WARNING, object, field, note + ": " + message, missing);
    }

    /** The same finding with another severity (configuration overrides). */
    public Finding withSeverity(Severity s) {
        return new Finding(rule, s, object, field, message, missing);
    }

    /** {@code field: message} — the form admission answers list. */
    public String fieldMessage() {
        return field.isRoot() ? message : field + ": " + message;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
