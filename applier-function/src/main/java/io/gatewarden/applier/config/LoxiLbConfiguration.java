package io.gatewarden.applier.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The loxilb API ({@code gatewarden.applier.loxilb.*}, url e.g. {@code http://loxilb:11111/netlox/v1}). Without
 * a secret ARN the credentials are read from {@code GATEWARDEN_LOXILB_USERNAME} and
 * {@code GATEWARDEN_LOXILB_PASSWORD}; with neither, requests are sent without login (loxilb's default).
 */
@ConfigurationProperties("gatewarden.applier.loxilb")
public class LoxiLbConfiguration extends ControllerSettings {

    @Override
    public String usernameVariable() {
        return "GATEWARDEN_LOXILB_USERNAME";
    }

    @Override
    public String passwordVariable() {
        return "GATEWARDEN_LOXILB_PASSWORD";
    }
}
