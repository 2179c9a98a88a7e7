package io.gatewarden.applier.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The Avi controller ({@code gatewarden.applier.avi.*}). Without a secret ARN the credentials are read from
 * {@code GATEWARDEN_AVI_USERNAME} and {@code GATEWARDEN_AVI_PASSWORD}.
 */
@ConfigurationProperties("gatewarden.applier.avi")
public class AviConfiguration extends ControllerSettings {

    private String tenant = "admin";
    private String seGroup;
    private boolean enableRhi;

    /** X-Avi-Tenant (default admin). */
    public String getTenant() {
        return tenant;
    }

    public void setTenant(String tenant) {
        this.tenant = tenant;
    }

    /** SE group when the object's AviInfraSetting names none (default: the controller's Default-Group). */
    public String getSeGroup() {
        return seGroup;
    }

    public void setSeGroup(String seGroup) {
        this.seGroup = seGroup;
    }

    /** Route health injection when the AviInfraSetting does not say (default false). */
    public boolean isEnableRhi() {
        return enableRhi;
    }

    public void setEnableRhi(boolean enableRhi) {
        this.enableRhi = enableRhi;
    }

    @Override
    public String usernameVariable() {
        return "GATEWARDEN_AVI_USERNAME";
    }

    @Override
    public String passwordVariable() {
        return "GATEWARDEN_AVI_PASSWORD";
    }
}
