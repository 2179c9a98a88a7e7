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
 */
public record Finding(String rule, Severity severity, ObjectRef object, FieldPath field, String message) {

    public static Finding of(Rule rule, ObjectRef object, FieldError error) {
        return new Finding(rule.id(), rule.severity(), object, error.path(), error.message());
    }

    /** {@code field: message} — the form admission answers list. */
    public String fieldMessage() {
        return field.isRoot() ? message : field + ": " + message;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
