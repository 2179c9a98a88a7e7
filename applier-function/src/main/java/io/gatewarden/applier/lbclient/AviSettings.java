package io.gatewarden.applier.lbclient;

/**
 * Avi settings of one client: its tenant, and the SE group and RHI used for a virtual service whose
 * {@link VirtualService.Placement} (from its AviInfraSetting) leaves them unset.
 */
public record AviSettings(String tenant, String seGroup, boolean enableRhi) {

    public static final AviSettings DEFAULTS = new AviSettings("admin", null, false);
}
