package io.gatewarden.webhook.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewarden.webhook.check.CheckReport;
import io.gatewarden.webhook.check.CheckResult;
import io.gatewarden.webhook.check.ManifestCheck;
import io.gatewarden.webhook.cli.ManifestSources;
import io.gatewarden.webhook.policy.PolicyEngine;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gatewarden's own manifests pass Gatewarden's rules. */
class InfraCheckTest {

    @Test
    void infra_isClean() {
        CheckResult r = new ManifestCheck(new PolicyEngine())
                .check(new ManifestSources().read(List.of("../infra"), InputStream.nullInputStream()));
        assertEquals(0, r.findings().size(), () -> CheckReport.text(r));
    }
}
