package io.gatewarden.webhook.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewarden.model.manifest.ManifestParser;
import io.gatewarden.webhook.check.CheckResult;
import io.gatewarden.webhook.check.ManifestCheck;
import io.gatewarden.webhook.policy.PolicyEngine;
import org.junit.jupiter.api.Test;

class SyntheticManifestsTest {

    @Test
    void generatedSet_hasTheRequestedSize_andIsClean() {
        CheckResult r = new ManifestCheck(new PolicyEngine())
                .check(new ManifestParser().parse("g", SyntheticManifests.generate(200)));
        assertEquals(201, r.objects()); // plus the shared LoxiLB GatewayClass
        assertEquals(0, r.errors(), () -> r.findings().toString());
        assertEquals(0, r.warnings());
    }
}
