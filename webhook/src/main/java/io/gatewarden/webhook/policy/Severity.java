package io.gatewarden.webhook.policy;

/** How bad a finding is: errors deny admission and fail {@code check}; warnings are reported only. */
public enum Severity {
    ERROR, WARNING;

    public String label() {
        return name().toLowerCase();
    }
}
