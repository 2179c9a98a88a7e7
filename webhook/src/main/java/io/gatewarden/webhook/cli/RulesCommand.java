package io.gatewarden.webhook.cli;

import io.gatewarden.webhook.policy.Rule;
import picocli.CommandLine.Command;

/** {@code gatewarden rules}: the rule catalogue, one line per rule. */
@Command(name = "rules", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List every rule: ID, severity and what it catches. `gatewarden explain ID` shows examples.")
public class RulesCommand implements Runnable {

    @Override
    public void run() {
        System.out.printf("%-14s %-8s %s%n", "RULE", "SEVERITY", "CATCHES");
        for (Rule r : Rule.values()) {
            System.out.printf("%-14s %-8s %s%s%n", r.id(), r.severity().label(), r.summary(),
                    r.admissionOnly() ? " (admission only)" : "");
        }
    }
}
