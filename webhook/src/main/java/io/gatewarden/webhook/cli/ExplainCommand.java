package io.gatewarden.webhook.cli;

import io.gatewarden.model.manifest.ManifestParser;
import io.gatewarden.webhook.check.CheckResult;
import io.gatewarden.webhook.check.LocatedFinding;
import io.gatewarden.webhook.check.ManifestCheck;
import io.gatewarden.webhook.check.RuleExamples;
import io.gatewarden.webhook.policy.PolicyEngine;
import io.gatewarden.webhook.policy.Rule;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gatewarden explain RULE-ID}: one rule, its failing example with what check says, its passing example. */
@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Explain a rule with a failing and a passing example. Exit 2 for an unknown rule ID.")
public class ExplainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RULE-ID", description = "A rule ID, e.g. VIP-001 (see `gatewarden rules`).")
    String id;

    @Override
    public Integer call() {
        Optional<Rule> rule = RuleExamples.rule(id);
        if (rule.isEmpty()) {
            System.err.println("gatewarden explain: no rule " + id + "; `gatewarden rules` lists them");
            return Gatewarden.USAGE;
        }
        Rule r = rule.get();
        RuleExamples.Examples examples = RuleExamples.of(r);
        System.out.println(r.id() + " (" + r.severity().label() + "): " + r.summary());
        System.out.println();
        if (r.admissionOnly()) {
            System.out.println("Admission only: the webhook applies it to an AdmissionReview (it needs the previous "
                    + "object or a mutation), `check` cannot.");
            System.out.println();
        }
        System.out.println("Fails (" + examples.failing() + "):");
        String failing = RuleExamples.text(examples.failing());
        System.out.println(indent(failing));
        if (!r.admissionOnly()) {
            System.out.println("check says:");
            findings(examples.failing(), failing, r).forEach(f -> System.out.println("  " + f));
            System.out.println();
        }
        if (examples.passing() != null) {
            System.out.println("Passes (" + examples.passing() + "):");
            System.out.println(indent(RuleExamples.text(examples.passing())));
        }
        return 0;
    }

    private static List<String> findings(String name, String text, Rule rule) {
        CheckResult result = new ManifestCheck(new PolicyEngine()).check(new ManifestParser().parse(name, text));
        return result.findings().stream().filter(lf -> lf.finding().rule().equals(rule.id()))
                .map(ExplainCommand::line).toList();
    }

    private static String line(LocatedFinding lf) {
        return lf.finding().severity().name() + " line " + lf.line() + " " + lf.finding().object() + " "
                + lf.finding().fieldMessage();
    }

    private static String indent(String text) {
        return text.stripTrailing().lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
    }
}
