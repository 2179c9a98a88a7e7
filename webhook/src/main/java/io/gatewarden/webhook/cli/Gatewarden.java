package io.gatewarden.webhook.cli;

import io.micronaut.configuration.picocli.PicocliRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code gatewarden} command line: one entry point, one subcommand per job. */
@Command(name = "gatewarden", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Admission-time guard and serverless applier for Kubernetes load balancers (Avi, LoxiLB).",
        subcommands = {VersionCommand.class, CheckCommand.class, WebhookCommand.class, BenchCommand.class, BenchWebhookCommand.class})
public class Gatewarden implements Runnable {

    /** Exit code for usage errors, as picocli uses it. */
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(PicocliRunner.execute(Gatewarden.class, args));
    }

    /** Without a command: usage on stderr, exit 2. */
    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }
}
