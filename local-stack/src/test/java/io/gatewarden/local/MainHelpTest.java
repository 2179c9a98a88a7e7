package io.gatewarden.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher's own commands answer --help and -h with their usage (exit 0), not "Unknown option". */
class MainHelpTest {

    @Test
    void upAndDemo_answerHelp() {
        for (String cmd : List.of("up", "demo")) {
            for (String flag : List.of("--help", "-h")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                PrintStream old = System.out;
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                int code;
                try {
                    code = Main.run(cmd, flag);
                } finally {
                    System.setOut(old);
                }
                String text = out.toString(StandardCharsets.UTF_8);
                assertEquals(0, code, cmd + " " + flag);
                assertTrue(text.startsWith("Usage: gatewarden " + cmd), text);
            }
        }
    }
}
