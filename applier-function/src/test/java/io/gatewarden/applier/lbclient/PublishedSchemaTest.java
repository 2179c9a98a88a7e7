package io.gatewarden.applier.lbclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.emulator.AviControllerEmulator;
import io.gatewarden.emulator.LoxiLbEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payloads both clients send, checked against the published API schemas (Avi's SDK models, loxilb's
 * swagger) with the team's reference validator in {@code ../shared/reference}, strict mode. Runs where that
 * folder and python3 are present (CI has both).
 */
class PublishedSchemaTest {

    private static final Path REFERENCE = Path.of("..", "..", "shared", "reference");

    @TempDir
    Path tmp;

    private static final VirtualService DNS = new VirtualService("prod--traffic-dns", "10.10.16.5", List.of(
            new VirtualService.Listener("TCP", 53, List.of(new VirtualService.Member("10.0.0.11", 30053))),
            new VirtualService.Listener("UDP", 53, List.of(new VirtualService.Member("10.0.0.11", 30054)))));

    /** An L7 shard: HTTP application profile, an HTTP policy set selecting a pool per host/path. */
    private static final VirtualService SHARD = new VirtualService("prod--traffic-Shared-L7-0", "10.10.16.9",
            List.of(new VirtualService.Listener("HTTP", 80, List.of())), List.of(new VirtualService.HttpRoute(
                    "shop.example.com", "/", "prod--shop.example.com_-web-shop",
                    List.of(new VirtualService.Member("10.244.5.5", 8080)))),
            new VirtualService.Placement(null, null, "vip-traffic", null, "10.10.16.0/24"));

    private List<String> validate(String schema, String root, JsonNode payload) throws Exception {
        Path file = Files.createTempFile(tmp, "payload", ".json");
        Files.writeString(file, payload.toString());
        Process p = new ProcessBuilder("python3", REFERENCE.resolve("validate_payload.py").toString(), "--strict",
                REFERENCE.resolve(schema).toString(), root, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String> problems = new ArrayList<>(out.lines().filter(l -> !l.isBlank()).toList());
        if (p.exitValue() == 2) {
            problems.add("validator usage error: " + out);
        }
        return problems;
    }

    private static boolean available() {
        try {
            return Files.exists(REFERENCE.resolve("validate_payload.py"))
                    && new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aviPayloads_matchTheSdkModels() throws Exception {
        assumeTrue(available(), "the reference validator or python3 is not available here");
        try (AviControllerEmulator avi = new AviControllerEmulator()) {
            avi.addSeGroup("se-traffic");
            avi.addNetwork("vip-traffic");
            new AviClient(avi.base(), "admin", "secret", new AviSettings("admin", "se-traffic", true),
                    Backoff.DEFAULT).apply(DNS.withOwner("prod/Service/traffic/dns")); // owner markers included
            new AviClient(avi.base(), "admin", "secret", AviSettings.DEFAULTS, Backoff.DEFAULT)
                    .apply(SHARD.withOwner("prod/Shard/traffic/0"));
            for (String type : List.of("vsvip", "pool", "l4policyset", "httppolicyset", "virtualservice")) {
                for (ObjectNode o : avi.objects(type)) {
                    o.remove(List.of("uuid", "url")); // assigned by the controller, not sent
                    assertEquals(List.of(), validate("avi-objects.json", "/api/" + type, o), type);
                }
            }
        }
    }

    @Test
    void loxilbPayloads_matchTheSwagger() throws Exception {
        assumeTrue(available(), "the reference validator or python3 is not available here");
        try (LoxiLbEmulator loxilb = new LoxiLbEmulator(false)) {
            new LoxiLbClient(loxilb.base(), null, null, Backoff.DEFAULT).apply(DNS);
            for (JsonNode rule : loxilb.rules()) {
                assertEquals(List.of(), validate("loxilb-api.json", "POST /config/loadbalancer", rule));
            }
        }
    }
}
