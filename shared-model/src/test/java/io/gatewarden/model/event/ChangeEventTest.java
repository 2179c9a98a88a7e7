package io.gatewarden.model.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.JsonAssert;
import io.gatewarden.model.manifest.Json;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ChangeEventTest {

    @Test
    void contractJson_roundTrips_andGroupsPerObject() throws Exception {
        JsonNode original;
        try (InputStream in = getClass().getResourceAsStream("change-event.json")) {
            original = Json.mapper().readTree(in);
        }
        ChangeEvent event = Json.mapper().treeToValue(original, ChangeEvent.class);
        assertEquals(ChangeEvent.Operation.UPDATE, event.operation());
        assertEquals(3L, event.generation());
        assertEquals("prod-eu-1/Gateway/traffic/dns", event.messageGroupId());
        JsonAssert.assertSameTree(original, Json.mapper().valueToTree(event));
    }

    @Test
    void clusterScopedObjects_haveAnEmptyNamespaceInTheirGroup() {
        ChangeEvent e = new ChangeEvent(1, "id", "c", ChangeEvent.Operation.CREATE, "ako.vmware.com", "v1beta1",
                "AviInfraSetting", null, "oam", "", "", null, "t");
        assertEquals("c/AviInfraSetting//oam", e.messageGroupId());
    }

    @Test
    void aVersion1EventWithItsObject_stillReads_theObjectIgnored() throws Exception {
        ChangeEvent e = Json.mapper().readValue("{\"schemaVersion\":1,\"eventId\":\"x\",\"clusterName\":\"c\","
                + "\"operation\":\"DELETE\",\"kind\":\"Service\",\"namespace\":\"a\",\"name\":\"b\","
                + "\"admittedAt\":\"t\",\"object\":{\"kind\":\"Service\"},\"oldObject\":{}}", ChangeEvent.class);
        assertEquals("c/Service/a/b", e.messageGroupId());
        assertEquals(false, Json.mapper().writeValueAsString(e).contains("object"));
    }

    @Test
    void aKeyLongerThanSqsTakes_becomesItsDigest_asAGroupId() {
        ChangeEvent e = new ChangeEvent(2, "id", "c", ChangeEvent.Operation.CREATE, "", "v1", "Service",
                "n".repeat(63), "s".repeat(253), "", "", null, "t");
        assertEquals(71, e.messageGroupId().length());
        assertEquals(true, e.messageGroupId().startsWith("sha256-"));
        assertEquals(e.messageGroupId(), new ChangeEvent(2, "other", "c", ChangeEvent.Operation.DELETE, "", "v1",
                "Service", "n".repeat(63), "s".repeat(253), "", "", null, "t").messageGroupId(), "stable per object");
    }
}
