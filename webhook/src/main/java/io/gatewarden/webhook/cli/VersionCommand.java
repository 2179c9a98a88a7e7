package io.gatewarden.webhook.cli;

import picocli.CommandLine.Command;

/** {@code gatewarden version}. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Print the version.")
public class VersionCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("gatewarden " + Version.current());
    }
}
