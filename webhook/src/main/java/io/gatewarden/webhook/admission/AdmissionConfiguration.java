package io.gatewarden.webhook.admission;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Settings of the admission endpoints ({@code gatewarden.admission.*}). */
@ConfigurationProperties(AdmissionConfiguration.PREFIX)
public class AdmissionConfiguration {

    public static final String PREFIX = "gatewarden.admission";
    public static final Mode DEFAULT_MODE = Mode.ENFORCE;
    public static final String DEFAULT_NAMESPACE_MODE_LABEL = "gatewarden.io/enforcement";
    public static final int DEFAULT_MAX_WARNING_LENGTH = 120;

    /** enforce: error findings deny; warn: nothing is denied, errors are returned as warnings. */
    public enum Mode { ENFORCE, WARN }

    private Mode mode = DEFAULT_MODE;
    private String namespaceModeLabel = DEFAULT_NAMESPACE_MODE_LABEL;
    private int maxWarningLength = DEFAULT_MAX_WARNING_LENGTH;
    private Mode unsyncedView = Mode.WARN;

    /** Global enforcement mode (default enforce). */
    /**
     * How reviews are judged while the cluster view is incomplete (API server unreachable at start, a resource
     * forbidden, informers not yet synced). WARN (default): every finding is a warning and the first warning says
     * why, so an empty view never denies a valid object. ENFORCE: judge from the view as it is, which can deny an
     * object for a reference the view has not seen.
     */
    public Mode getUnsyncedView() {
        return unsyncedView;
    }

    public void setUnsyncedView(Mode unsyncedView) {
        this.unsyncedView = unsyncedView;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    /**
     * Namespace label whose value ({@code enforce} or {@code warn}) overrides the global mode for objects in that
     * namespace (default {@value #DEFAULT_NAMESPACE_MODE_LABEL}), so a team can trial the rules first.
     */
    public String getNamespaceModeLabel() {
        return namespaceModeLabel;
    }

    public void setNamespaceModeLabel(String namespaceModeLabel) {
        this.namespaceModeLabel = namespaceModeLabel;
    }

    /** Longest AdmissionReview warning, in characters (default 120, what kubectl shows well). */
    public int getMaxWarningLength() {
        return maxWarningLength;
    }

    public void setMaxWarningLength(int maxWarningLength) {
        this.maxWarningLength = maxWarningLength;
    }
}
