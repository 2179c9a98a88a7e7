package io.gatewarden.webhook.admission;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.HashMap;
import java.util.Map;

/**
 * Network segmentation injected at admission ({@code gatewarden.mutation.*}): a namespace label value (oam,
 * signaling, traffic, ...) names the AviInfraSetting for LoadBalancer Services and the IngressClass for Ingresses.
 */
@ConfigurationProperties(MutationConfiguration.PREFIX)
public class MutationConfiguration {

    public static final String PREFIX = "gatewarden.mutation";
    public static final String DEFAULT_SEGMENT_LABEL = "gatewarden.io/segment";

    private boolean enabled = true;
    private String segmentLabel = DEFAULT_SEGMENT_LABEL;
    private Map<String, Map<String, String>> segments = new HashMap<>();

    /** Turns injection off entirely (default true: on). */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Namespace label that names the segment (default {@value #DEFAULT_SEGMENT_LABEL}). */
    public String getSegmentLabel() {
        return segmentLabel;
    }

    public void setSegmentLabel(String segmentLabel) {
        this.segmentLabel = segmentLabel;
    }

    /**
     * Segment name → {@code infra-setting} (AviInfraSetting name) and {@code ingress-class} (IngressClass name),
     * e.g. {@code gatewarden.mutation.segments.oam.infra-setting: aviinfrasetting-tkg-wkld-oam}. Empty by default.
     */
    public Map<String, Map<String, String>> getSegments() {
        return segments;
    }

    public void setSegments(Map<String, Map<String, String>> segments) {
        this.segments = segments;
    }

    String infraSettingOf(String segment) {
        Map<String, String> s = segments.get(segment);
        return s == null ? null : first(s, "infra-setting", "infraSetting");
    }

    String ingressClassOf(String segment) {
        Map<String, String> s = segments.get(segment);
        return s == null ? null : first(s, "ingress-class", "ingressClass");
    }

    private static String first(Map<String, String> m, String a, String b) {
        return m.containsKey(a) ? m.get(a) : m.get(b);
    }
}
