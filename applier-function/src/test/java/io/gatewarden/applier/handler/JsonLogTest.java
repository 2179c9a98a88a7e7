package io.gatewarden.applier.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.manifest.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The applier's Lambda logging configuration (main logback.xml) writes one JSON object per line, key-values kept. */
class JsonLogTest {

    @Test
    void anEventLine_isOneJsonObject_withItsKeyValues() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // a fresh context has none
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(ApplierHandler.class.getResource("/logback.xml"));
            context.getLogger(ApplierHandler.class).atInfo().addKeyValue("object", "prod/Service/oam/dns")
                    .addKeyValue("outcome", "Applied").addKeyValue("vip", "10.50.1.2").addKeyValue("controllerCalls", 3)
                    .log("change applied");
        } finally {
            context.stop();
            System.setOut(old);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), out.toString(StandardCharsets.UTF_8));
        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertEquals("INFO", line.path("level").asText());
        assertEquals("change applied", line.path("message").asText());
        assertTrue(line.path("kvpList").toString().contains("\"object\":\"prod/Service/oam/dns\""), line.toString());
        assertTrue(line.path("kvpList").toString().contains("\"vip\":\"10.50.1.2\""), line.toString());
        assertTrue(context.getStatusManager().getCopyOfStatusList().stream().noneMatch(s -> s.getLevel() >= 2),
                "logback reported configuration errors");
    }
}
