package io.gatewarden.local;

import io.gatewarden.local.ops.DlqCommand;
import io.gatewarden.local.ops.PoolsCommand;
import io.gatewarden.webhook.cli.Gatewarden;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import picocli.CommandLine;

/**
 * The {@code gatewarden} launcher: the webhook module's commands (version, check, webhook, benchmarks) plus the
 * local stack's {@code up} and {@code demo}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "launcher-logback.xml");
        }
        System.exit(run(args));
    }

    public static int run(String... args) {
        java.util.Optional<Integer> plain = Gatewarden.runPlain(args);
        if (plain.isPresent()) {
            return plain.get();
        }
        try (ApplicationContext ctx = ApplicationContext.builder(Gatewarden.class, Environment.CLI).start()) {
            MicronautFactory factory = new MicronautFactory(ctx);
            CommandLine cli = new CommandLine(Gatewarden.class, factory);
            cli.addSubcommand("up", new CommandLine(UpCommand.class, factory));
            cli.addSubcommand("demo", new CommandLine(DemoCommand.class, factory));
            cli.addSubcommand("pools", new CommandLine(PoolsCommand.class, factory));
            cli.addSubcommand("dlq", new CommandLine(DlqCommand.class, factory));
            cli.addSubcommand("bench-coldstart", new CommandLine(BenchColdstartCommand.class, factory));
            cli.addSubcommand("bench-applier", new CommandLine(BenchApplierCommand.class, factory));
            return cli.execute(args);
        }
    }
}
