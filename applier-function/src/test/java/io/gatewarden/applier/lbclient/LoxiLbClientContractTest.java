package io.gatewarden.applier.lbclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.emulator.LoxiLbEmulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LoxiLB client against the loxilb API emulator (login, rule keys, 409, 404, 5xx). */
class LoxiLbClientContractTest {

    private LoxiLbEmulator loxilb;
    private LoxiLbClient client;

    private static final VirtualService DNS = new VirtualService("prod--traffic-dns", "192.168.80.90", List.of(
            new VirtualService.Listener("TCP", 53, List.of(new VirtualService.Member("10.0.0.11", 30053))),
            new VirtualService.Listener("UDP", 53, List.of(new VirtualService.Member("10.0.0.11", 30054)))));

    @BeforeEach
    void start() throws Exception {
        loxilb = new LoxiLbEmulator(true);
        client = new LoxiLbClient(loxilb.base(), "admin", "secret", new Backoff(3, Duration.ofMillis(5),
                Duration.ofMillis(20)));
    }

    @AfterEach
    void stop() {
        loxilb.close();
    }

    private List<String> ruleKeys() {
        return loxilb.rules().stream().map(r -> r.path("serviceArguments").path("name").asText() + " "
                + r.path("serviceArguments").path("externalIP").asText() + " "
                + r.path("serviceArguments").path("protocol").asText() + "/"
                + r.path("serviceArguments").path("port").asInt()).toList();
    }

    @Test
    void tcpAndUdp53_areTwoRulesOnOneVip_andApplyingAgainChangesNothing() {
        client.apply(DNS);
        assertEquals(List.of("prod--traffic-dns-tcp-53 192.168.80.90 tcp/53",
                "prod--traffic-dns-udp-53 192.168.80.90 udp/53"), ruleKeys());
        client.apply(DNS);
        assertEquals(2, loxilb.rules().size());
        assertEquals(DNS, client.read("prod--traffic-dns").orElseThrow());
    }

    @Test
    void aVirtualServiceWhoseNameIsAnothersPrefix_neverTouchesTheOthersRules() {
        // Gateway demo-edge/edge-dns and Gateway demo/edge-edge: one name begins with the other's.
        VirtualService edgeDns = new VirtualService("local--demo-edge-edge-dns", "192.168.80.91", List.of(
                new VirtualService.Listener("TCP", 53, DNS.listeners().get(0).members()),
                new VirtualService.Listener("UDP", 53, DNS.listeners().get(1).members())));
        VirtualService edgeEdge = new VirtualService("local--demo-edge-edge", "192.168.80.92", List.of(
                new VirtualService.Listener("TCP", 80, List.of(new VirtualService.Member("10.0.0.11", 30080)))));
        client.apply(edgeDns);
        client.apply(edgeEdge);
        client.delete(edgeEdge.name());
        assertEquals(List.of("local--demo-edge-edge-dns-tcp-53 192.168.80.91 tcp/53",
                "local--demo-edge-edge-dns-udp-53 192.168.80.91 udp/53"), ruleKeys());
        assertEquals(edgeDns, client.read(edgeDns.name()).orElseThrow());
        assertTrue(LoxiLbClient.isRuleOf("local--demo-edge-edge", "local--demo-edge-edge-tcp-80"));
        assertFalse(LoxiLbClient.isRuleOf("local--demo-edge-edge", "local--demo-edge-edge-dns-tcp-53"));
    }

    @Test
    void update_addsAPort_andReplacesAChangedEndpoint() {
        client.apply(DNS);
        VirtualService updated = new VirtualService(DNS.name(), DNS.vip(), List.of(
                new VirtualService.Listener("TCP", 53, List.of(new VirtualService.Member("10.0.0.12", 30053))),
                new VirtualService.Listener("UDP", 53, DNS.listeners().get(1).members()),
                new VirtualService.Listener("TCP", 853, List.of(new VirtualService.Member("10.0.0.11", 30853)))));
        client.apply(updated);
        assertEquals(3, loxilb.rules().size());
        JsonNode tcp = loxilb.rules().get(0);
        assertEquals("10.0.0.12", tcp.path("endpoints").get(0).path("endpointIP").asText());
        assertEquals(updated.listeners().size(), client.read(DNS.name()).orElseThrow().listeners().size());
    }

    @Test
    void removedListeners_areDeleted_andDeleteIsIdempotent() {
        client.apply(DNS);
        client.apply(new VirtualService(DNS.name(), DNS.vip(), List.of(DNS.listeners().get(1))));
        assertEquals(List.of("prod--traffic-dns-udp-53 192.168.80.90 udp/53"), ruleKeys());
        client.delete(DNS.name());
        client.delete(DNS.name());
        assertEquals(List.of(), loxilb.rules());
        assertTrue(client.read(DNS.name()).isEmpty());
    }

    @Test
    void sessionExpiryInTheMiddle_logsInAgainOnce() {
        client.apply(DNS);
        loxilb.expireSessions();
        client.delete(DNS.name());
        assertEquals(List.of(), loxilb.rules());
    }

    @Test
    void aFewServerErrors_areRetried() {
        loxilb.failNext(2, 503);
        client.apply(DNS);
        assertEquals(2, loxilb.rules().size());
    }

    @Test
    void aStormOfServerErrors_givesUpWithoutHalfApplying() {
        loxilb.failNext(100, 500);
        LoadBalancerUnavailableException e = assertThrows(LoadBalancerUnavailableException.class, () -> client.apply(DNS));
        assertEquals("loxilb kept failing: HTTP 500 after 3 attempts", e.getMessage());
        assertTrue(e.retryable());
        assertEquals(List.of(), loxilb.rules());
    }

    @Test
    void wrongCredentials_areRefusedNotRetried() {
        LoxiLbClient wrong = new LoxiLbClient(loxilb.base(), "admin", "nope", Backoff.DEFAULT);
        LoadBalancerRefusedException e = assertThrows(LoadBalancerRefusedException.class, () -> wrong.apply(DNS));
        assertEquals("loxilb login failed: HTTP 401", e.getMessage());
    }

    @Test
    void aStormAfterTheFirstRule_isUndone_soNothingIsHalfApplied() {
        loxilb.failMatching("POST /config/loadbalancer", 1, 3, 503); // the TCP rule is created, the UDP one fails
        assertThrows(LoadBalancerUnavailableException.class, () -> client.apply(DNS));
        assertEquals(List.of(), loxilb.rules());
    }

    @Test
    void aFailedEndpointChange_putsTheOldRuleBack() {
        client.apply(DNS);
        loxilb.failMatching("POST /config/loadbalancer", 0, 3, 503); // storm over by the time the old rule returns
        VirtualService moved = new VirtualService(DNS.name(), DNS.vip(), List.of(
                new VirtualService.Listener("TCP", 53, List.of(new VirtualService.Member("10.0.0.12", 30053))),
                DNS.listeners().get(1)));
        assertThrows(LoadBalancerUnavailableException.class, () -> client.apply(moved));
        assertEquals(DNS, client.read(DNS.name()).orElseThrow());
    }
}
