package io.gatewarden.applier.lbclient;

/**
 * Avi-side settings of one virtual service, from the AviInfraSetting (SE group, RHI) and the applier's
 * configuration (cluster name for AKO-compatible names, tenant).
 */
public record AviSettings(String tenant, String seGroup, boolean enableRhi) {

    public static final AviSettings DEFAULTS = new AviSettings("admin", null, false);
}
