package io.gatewarden.applier.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.ObjectBinding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconcile releases orphans and re-drives objects the queue lost (DynamoDB Local). */
class ReconcilerIT extends ChangeProcessorIT {

    private static List<KubernetesObject> live(String... json) throws Exception {
        List<KubernetesObject> out = new ArrayList<>();
        for (String j : json) {
            out.add(ObjectBinding.bind(yaml(j)).orElseThrow());
        }
        return out;
    }

    private static Reconciler reconcilerAt(Instant now) {
        return new Reconciler(states, processor, Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void orphansAreReleasedAfterTheGrace_andLostObjectsAreRedriven() throws Exception {
        String c = cluster();
        String cidr = infra(c, 24, "SMALL");
        processor.process(create(c, gateway("kept", null)));
        processor.process(create(c, gateway("gone", null)));
        assertNotNull(state(c, "gone").vip());
        kube.remove(yaml(gateway("gone", null))); // deleted while its event was lost
        kube.put(yaml(gateway("missed", null))); // created while its event was lost
        List<KubernetesObject> cluster = live(
                "{\"apiVersion\":\"ako.vmware.com/v1beta1\",\"kind\":\"AviInfraSetting\",\"metadata\":{\"name\":\"seg\"},"
                        + "\"spec\":{\"network\":{\"vipNetworks\":[{\"networkName\":\"n\",\"cidr\":\"" + cidr + "\"}]}}}",
                "{\"apiVersion\":\"networking.x-k8s.io/v1alpha1\",\"kind\":\"GatewayClass\",\"metadata\":{\"name\":\"avi\"},"
                        + "\"spec\":{\"controller\":\"ako.vmware.com/avi-lb\",\"parametersRef\":{\"group\":\"ako.vmware.com\","
                        + "\"kind\":\"AviInfraSetting\",\"name\":\"seg\"}}}",
                gateway("kept", null), gateway("missed", null));

        Reconciler.Report early = reconcilerAt(Instant.now()).reconcile(c, cluster);
        assertEquals(0, early.orphansReleased()); // within the grace: the event may still be in flight
        assertNotNull(state(c, "gone").vip());
        assertEquals(1, early.redriven());
        assertNotNull(state(c, "missed").vip());

        Reconciler.Report later = reconcilerAt(Instant.now().plus(Duration.ofMinutes(10))).reconcile(c, cluster);
        assertEquals(1, later.orphansReleased());
        assertEquals(0, later.redriven());
        assertNull(state(c, "gone").vip());
        assertEquals("Deleted", state(c, "gone").status());
        assertEquals("Allocated", state(c, "kept").status());
    }

    @Test
    void aStateWhoseObjectTheListMissed_isNotFreed_whileTheApiStillHasIt() throws Exception {
        String c = cluster();
        infra(c, 24, "SMALL");
        processor.process(create(c, gateway("listed-late", null)));
        String vip = state(c, "listed-late").vip();
        Reconciler.Report r = reconcilerAt(Instant.now().plus(Duration.ofMinutes(10))).reconcile(c, List.of());
        assertEquals(0, r.orphansReleased(), "the processor read it: it exists");
        assertEquals(vip, state(c, "listed-late").vip());
    }
}
