package io.gatewarden.applier.lbclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.emulator.AviControllerEmulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Avi client against the controller emulator: session, CSRF, order, 409, 401, 5xx, refused VIPs. */
class AviClientContractTest {

    private AviControllerEmulator avi;
    private AviClient client;

    private static final VirtualService DNS = new VirtualService("prod--traffic-dns", "10.10.16.5", List.of(
            new VirtualService.Listener("TCP", 53, List.of(new VirtualService.Member("10.0.0.11", 30053))),
            new VirtualService.Listener("UDP", 53, List.of(new VirtualService.Member("10.0.0.11", 30054)))));

    @BeforeEach
    void start() throws Exception {
        avi = new AviControllerEmulator();
        avi.addSeGroup("se-traffic");
        client = new AviClient(avi.base(), "admin", "secret", new AviSettings("admin", "se-traffic", true),
                new Backoff(3, Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    @AfterEach
    void stop() {
        avi.close();
    }

    /** No VsVip, pool, policy set of that type or virtual service is left on the controller. */
    private void assertNothingLeft(String policyType) {
        for (String type : List.of("vsvip", "pool", policyType, "virtualservice")) {
            assertEquals(List.of(), names(type), type);
        }
    }

    private List<String> names(String type) {
        return avi.objects(type).stream().map(o -> o.path("name").asText()).toList();
    }

    @Test
    void everyObjectCarriesItsOwner_andAnotherOwnersOrAkosObject_isNeitherOverwrittenNorDeleted() {
        client.apply(DNS.withOwner("prod/Service/traffic/dns"));
        for (String type : List.of("vsvip", "pool", "l4policyset", "virtualservice")) {
            JsonNode o = avi.objects(type).get(0);
            assertEquals("prod/Service/traffic/dns", o.path("markers").path(0).path("values").path(0).asText(), type);
        }
        assertEquals("gatewarden", avi.objects("virtualservice").get(0).path("created_by").asText());

        LoadBalancerRefusedException other = assertThrows(LoadBalancerRefusedException.class,
                () -> client.apply(DNS.withOwner("prod/Gateway.networking.x-k8s.io/traffic-dns/x")));
        assertTrue(other.getMessage().contains("is owned by prod/Service/traffic/dns"), other.getMessage());

        avi.objects("virtualservice").get(0).put("created_by", "ako-prod"); // as if AKO had made it
        LoadBalancerRefusedException ako = assertThrows(LoadBalancerRefusedException.class,
                () -> client.apply(DNS.withOwner("prod/Service/traffic/dns")));
        assertTrue(ako.getMessage().contains("created by ako-prod"), ako.getMessage());
        client.delete(DNS.name());
        assertEquals(List.of("prod--traffic-dns"), names("virtualservice"), "AKO's virtual service is left alone");
    }

    @Test
    void tcpAndUdp53_becomeOneVipWithBothServices() {
        client.apply(DNS);
        assertEquals(List.of("prod--traffic-dns"), names("vsvip"));
        assertEquals(List.of("prod--traffic-dns-TCP-53", "prod--traffic-dns-UDP-53"), names("pool"));
        ObjectNode vs = avi.objects("virtualservice").get(0);
        assertEquals("10.10.16.5", avi.objects("vsvip").get(0).path("vip").path(0).path("ip_address").path("addr").asText());
        assertEquals(2, vs.path("services").size());
        assertEquals("/api/networkprofile/?name=System-UDP-Fast-Path",
                vs.path("services").get(1).path("override_network_profile_ref").asText());
        assertEquals("/api/serviceenginegroup/?name=se-traffic", vs.path("se_group_ref").asText());
        assertTrue(vs.path("enable_rhi").asBoolean());
        JsonNode rules = avi.objects("l4policyset").get(0).path("l4_connection_policy").path("rules");
        assertEquals("PROTOCOL_UDP", rules.get(1).path("match").path("protocol").path("protocol").asText());
        assertEquals(DNS, client.read(DNS.name()).orElseThrow());
    }

    @Test
    void update_addsAPortAndChangesAnEndpoint_inPlace() {
        client.apply(DNS);
        String vsUuid = avi.objects("virtualservice").get(0).path("uuid").asText();
        VirtualService updated = new VirtualService(DNS.name(), DNS.vip(), List.of(
                new VirtualService.Listener("TCP", 53, List.of(new VirtualService.Member("10.0.0.12", 30053))),
                DNS.listeners().get(1),
                new VirtualService.Listener("TCP", 853, List.of(new VirtualService.Member("10.0.0.11", 30853)))));
        client.apply(updated);
        assertEquals(3, names("pool").size());
        assertEquals(vsUuid, avi.objects("virtualservice").get(0).path("uuid").asText());
        assertEquals(3, avi.objects("virtualservice").get(0).path("services").size());
        assertEquals("10.0.0.12", avi.objects("pool").get(0).path("servers").get(0).path("ip").path("addr").asText());
    }

    @Test
    void delete_removesEverythingInReverseOrder_andIsIdempotent() {
        client.apply(DNS);
        client.delete(DNS.name()); // the emulator refuses to delete anything still referenced
        client.delete(DNS.name());
        assertNothingLeft("l4policyset");
    }

    @Test
    void sessionExpiryInTheMiddleOfABatch_logsInAgain() {
        client.apply(DNS);
        avi.expireSessions();
        client.apply(new VirtualService("prod--traffic-ntp", "10.10.16.6",
                List.of(new VirtualService.Listener("UDP", 123, List.of(new VirtualService.Member("10.0.0.11", 30123))))));
        assertEquals(List.of("prod--traffic-dns", "prod--traffic-ntp"), names("virtualservice"));
    }

    @Test
    void oneClientServesConcurrentApplies_throughASessionExpiry() throws Exception {
        client.apply(DNS); // logged in
        avi.expireSessions();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                VirtualService vs = new VirtualService("prod--traffic-svc" + i, "10.10.17." + (i + 1), List.of(
                        new VirtualService.Listener("TCP", 80, List.of(new VirtualService.Member("10.0.0.11", 30080)))));
                done.add(pool.submit(() -> client.apply(vs)));
            }
            for (var f : done) {
                f.get(); // every apply succeeds: one thread logs in again, the others use its session
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(17, names("virtualservice").size());
    }

    @Test
    void aSessionTimeout419_logsInAgain_andAStale412_isReReadAndWritten() {
        client.apply(DNS);
        avi.failNext(1, 419);
        avi.failMatching("PUT /api/virtualservice", 0, 1, 412);
        VirtualService moved = new VirtualService(DNS.name(), DNS.vip(), List.of(DNS.listeners().get(0)));
        client.apply(moved);
        assertEquals(1, avi.objects("virtualservice").get(0).path("services").size());
    }

    @Test
    void conflict_isReReadAndRetried() {
        avi.conflictOnNextCreate();
        client.apply(DNS);
        assertEquals(List.of("prod--traffic-dns"), names("vsvip"));
        assertEquals(1, avi.objects("virtualservice").size());
    }

    @Test
    void aStormOfServerErrors_givesUpRetryably() {
        avi.failNext(100, 503);
        LoadBalancerUnavailableException e = assertThrows(LoadBalancerUnavailableException.class, () -> client.apply(DNS));
        assertTrue(e.retryable());
        avi.failNext(0, 503);
        assertEquals(List.of(), names("virtualservice"));
    }

    @Test
    void aStormThatStartsMidApply_isUndone_soNothingIsHalfApplied() {
        avi.failMatching("POST /api/l4policyset", 0, 100, 503); // vsvip and pools are created, then the storm
        assertThrows(LoadBalancerUnavailableException.class, () -> client.apply(DNS));
        assertNothingLeft("l4policyset");
    }

    @Test
    void aFailedUpdate_keepsThePreviousConfiguration() {
        client.apply(DNS);
        avi.failMatching("PUT /api/l4policyset", 0, 100, 503);
        VirtualService withDot = new VirtualService(DNS.name(), DNS.vip(), List.of(DNS.listeners().get(0),
                DNS.listeners().get(1), new VirtualService.Listener("TCP", 853, List.of(new VirtualService.Member("10.0.0.11", 30853)))));
        assertThrows(LoadBalancerUnavailableException.class, () -> client.apply(withDot));
        assertEquals(List.of("prod--traffic-dns-TCP-53", "prod--traffic-dns-UDP-53"), names("pool"));
        avi.failMatching("PUT /api/l4policyset", 0, 0, 503);
        assertEquals(DNS, client.read(DNS.name()).orElseThrow());
    }

    @Test
    void aPoolDeleteThatFailsAfterItsPolicySetWent_isFoundAgainByTheRetry() {
        client.apply(DNS.withOwner("prod/Service/traffic/dns"));
        avi.failMatching("DELETE /api/pool", 0, 100, 503);
        assertThrows(LoadBalancerUnavailableException.class, () -> client.delete(DNS.name()));
        assertEquals(List.of(), names("l4policyset"), "the policy set that named the pools is gone");
        assertEquals(List.of("prod--traffic-dns"), names("vsvip"), "the VsVip holds the record, so it stays");
        avi.failMatching("DELETE /api/pool", 0, 0, 503);
        client.delete(DNS.name());
        assertNothingLeft("l4policyset");
    }

    @Test
    void aStalePoolWhoseDeleteFails_isDeletedByTheNextApply_andTheRecordIsCleared() {
        client.apply(DNS.withOwner("prod/Service/traffic/dns"));
        VirtualService tcpOnly = new VirtualService(DNS.name(), DNS.vip(), List.of(DNS.listeners().get(0)))
                .withOwner("prod/Service/traffic/dns");
        avi.failMatching("DELETE /api/pool", 0, 100, 503);
        assertThrows(LoadBalancerUnavailableException.class, () -> client.apply(tcpOnly));
        assertEquals(List.of("prod--traffic-dns-TCP-53", "prod--traffic-dns-UDP-53"), names("pool"));
        assertEquals(List.of("prod--traffic-dns-UDP-53"),
                List.copyOf(AviMarkers.pendingPools(avi.objects("vsvip").get(0))), "recorded before the policy set changed");
        avi.failMatching("DELETE /api/pool", 0, 0, 503);
        client.apply(tcpOnly);
        assertEquals(List.of("prod--traffic-dns-TCP-53"), names("pool"));
        assertEquals(List.of(), List.copyOf(AviMarkers.pendingPools(avi.objects("vsvip").get(0))),
                "the deleted pool left the record");
        assertEquals(1, avi.objects("vsvip").get(0).path("markers").size(), "only the owner marker is left");
    }

    @Test
    void aFailedApplyWhoseUndoAlsoFails_leavesTheVsVipAndItsRecord_soTheNextApplyCleansUp() {
        avi.failMatching("POST /api/l4policyset", 0, 100, 503);
        avi.failMatching("DELETE /api/pool", 0, 100, 503);
        assertThrows(LoadBalancerUnavailableException.class, () -> client.apply(DNS));
        assertEquals(2, names("pool").size(), "the undo could not delete the new pools");
        assertEquals(2, AviMarkers.pendingPools(avi.objects("vsvip").get(0)).size());
        avi.failMatching("POST /api/l4policyset", 0, 0, 503);
        avi.failMatching("DELETE /api/pool", 0, 0, 503);
        VirtualService other = new VirtualService(DNS.name(), DNS.vip(), List.of(
                new VirtualService.Listener("TCP", 853, List.of(new VirtualService.Member("10.0.0.11", 30853)))));
        client.apply(other); // wanted changed meanwhile: the leftovers are no one's and go
        assertEquals(List.of("prod--traffic-dns-TCP-853"), names("pool"));
    }

    @Test
    void aPoolWhoseCreateAnswerWasLost_keepsTheVsVipRecord_whenTheApplyIsUndone() {
        avi.failMatching("POST /api/pool", 0, 1, AviControllerEmulator.ANSWER_LOST); // created, then found again
        avi.failMatching("POST /api/l4policyset", 0, 100, 503);
        assertThrows(LoadBalancerUnavailableException.class, () -> client.apply(DNS));
        assertEquals(List.of("prod--traffic-dns-TCP-53"), names("pool"), "found, not created: the undo left it");
        assertEquals(List.of("prod--traffic-dns"), names("vsvip"), "so the VsVip and its record stay");
        avi.failMatching("POST /api/l4policyset", 0, 0, 503);
        client.delete(DNS.name());
        assertNothingLeft("l4policyset");
    }

    @Test
    void l7_shardWithAPoolPerHostAndPath_updatedAndReadBack() {
        VirtualService shard = new VirtualService("prod--traffic-Shared-L7-0", "10.10.16.9",
                List.of(new VirtualService.Listener("HTTP", 80, List.of())), List.of(
                        new VirtualService.HttpRoute("shop.example.com", "/api", "prod--shop.example.com_api-web-shop",
                                List.of(new VirtualService.Member("10.244.5.6", 8081))),
                        new VirtualService.HttpRoute("shop.example.com", "/", "prod--shop.example.com_-web-shop",
                                List.of(new VirtualService.Member("10.244.5.5", 8080)))),
                VirtualService.Placement.DEFAULT);
        client.apply(shard);
        ObjectNode vs = avi.objects("virtualservice").get(0);
        assertEquals("/api/applicationprofile/?name=System-HTTP", vs.path("application_profile_ref").asText());
        assertEquals("/api/httppolicyset/?name=prod--traffic-Shared-L7-0",
                vs.path("http_policies").get(0).path("http_policy_set_ref").asText());
        assertEquals(shard, client.read(shard.name()).orElseThrow());

        VirtualService oneRoute = new VirtualService(shard.name(), shard.vip(), shard.listeners(),
                List.of(shard.routes().get(1)), VirtualService.Placement.DEFAULT);
        client.apply(oneRoute);
        assertEquals(List.of("prod--shop.example.com_-web-shop"), names("pool"), "the route's pool went with it");
        client.delete(shard.name());
        assertNothingLeft("httppolicyset");
    }

    @Test
    void noFreeIps_isSurfacedAsARefusal() {
        avi.noFreeIps(true);
        LoadBalancerRefusedException e = assertThrows(LoadBalancerRefusedException.class, () -> client.apply(DNS));
        assertEquals("Avi refused to create vsvip prod--traffic-dns: HTTP 400 No available free IPs", e.getMessage());
    }

    @Test
    void wrongCredentials_stop() {
        AviClient wrong = new AviClient(avi.base(), "admin", "nope", AviSettings.DEFAULTS, Backoff.DEFAULT);
        LoadBalancerRefusedException e = assertThrows(LoadBalancerRefusedException.class, () -> wrong.apply(DNS));
        assertEquals("Avi login failed: Invalid credentials", e.getMessage());
    }
}
