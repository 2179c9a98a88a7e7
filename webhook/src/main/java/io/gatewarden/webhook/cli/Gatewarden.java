package io.gatewarden.webhook.cli;

import io.micronaut.configuration.picocli.PicocliRunner;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code gatewarden} command line: one entry point, one subcommand per job. */
@Command(name = "gatewarden", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Admission-time guard and serverless applier for Kubernetes load balancers (Avi, LoxiLB).",
        subcommands = {VersionCommand.class, CheckCommand.class, RulesCommand.class, ExplainCommand.class,
            WebhookCommand.class, BenchCommand.class, BenchWebhookCommand.class})
public class Gatewarden implements Runnable {

    /** Exit code for usage errors, as picocli uses it. */
    public static final int USAGE = 2;

    /**
     * Commands that need no application context. They run without starting Micronaut, which was most of a
     * short command's wall time (a CI job runs {@code check} once per push).
     */
    private static final Map<String, Class<?>> PLAIN = Map.of("check", CheckCommand.class, "rules", RulesCommand.class,
            "explain", ExplainCommand.class, "version", VersionCommand.class);

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(runPlain(args).orElseGet(() -> PicocliRunner.execute(Gatewarden.class, args)));
    }

    /** Runs {@code args} when they name a plain command; empty otherwise (the caller starts the context). */
    public static Optional<Integer> runPlain(String... args) {
        if (args.length == 0 || !PLAIN.containsKey(args[0])) {
            return Optional.empty();
        }
        CommandLine cli = new CommandLine(PLAIN.get(args[0]));
        cli.setCommandName("gatewarden " + args[0]);
        return Optional.of(cli.execute(Arrays.copyOfRange(args, 1, args.length)));
    }

    /** Without a command: usage on stderr, exit 2. */
    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }
}
