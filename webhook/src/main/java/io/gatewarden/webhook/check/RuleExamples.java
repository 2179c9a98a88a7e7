package io.gatewarden.webhook.check;

import io.gatewarden.webhook.policy.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Each rule's failing and passing example, shipped in the jar: the rule fixtures ({@code check/cases/}) and, for
 * admission-only rules, AdmissionReview requests. The index is {@code check/rule-examples.properties}.
 */
public final class RuleExamples {

    private static final String ROOT = "/io/gatewarden/webhook/";

    /** A rule's two examples: resource paths under {@code io/gatewarden/webhook/}; {@code passing} may be null. */
    public record Examples(String failing, String passing) {
    }

    private RuleExamples() {
    }

    public static Optional<Rule> rule(String id) {
        String wanted = id.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(Rule.values()).filter(r -> r.id().equals(wanted)).findFirst();
    }

    public static Examples of(Rule rule) {
        String value = index().getProperty(rule.id());
        if (value == null) {
            throw new IllegalStateException("no examples listed for " + rule.id() + " in rule-examples.properties");
        }
        String[] parts = value.trim().split("\\s+");
        return new Examples(parts[0], parts.length < 2 || parts[1].equals("-") ? null : parts[1]);
    }

    /** The text of an example file. */
    public static String text(String path) {
        try (InputStream in = RuleExamples.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("example missing from the classpath: " + ROOT + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties index() {
        Properties p = new Properties();
        try (InputStream in = RuleExamples.class.getResourceAsStream(ROOT + "check/rule-examples.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
