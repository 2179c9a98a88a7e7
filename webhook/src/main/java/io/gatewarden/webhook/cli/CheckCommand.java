package io.gatewarden.webhook.cli;

import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.model.manifest.ParseResult;
import io.gatewarden.kube.LiveCluster;
import java.nio.file.Path;
import io.gatewarden.webhook.check.CheckReport;
import io.gatewarden.webhook.check.CheckResult;
import io.gatewarden.webhook.check.ManifestCheck;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatewarden check}: the admission rules, offline, over manifest files. */
@Command(name = "check", description = "Check manifests against the load-balancer rules. "
        + "Exit 0: no error; 1: errors found; 2: usage error or unreadable path.")
public class CheckCommand implements Callable<Integer> {

    enum Output { text, json }

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "PATH",
            description = "File, directory (recursive: .yaml, .yml, .json) or - for stdin. Repeatable.")
    List<String> paths;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Also look up referenced objects in this cluster (read-only LIST calls).")
    Path kubeconfig;

    @Inject
    ManifestCheck check;

    @Override
    public Integer call() throws Exception {
        CheckResult result;
        try {
            ParseResult parsed = new ManifestSources().read(paths, System.in);
            List<KubernetesObject> live = List.of();
            if (kubeconfig != null) {
                LiveCluster.Snapshot snapshot = LiveCluster.fromKubeconfig(kubeconfig).read();
                snapshot.notes().forEach(n -> System.err.println("gatewarden check: " + n));
                live = snapshot.objects();
            }
            result = check.check(parsed, live);
        } catch (ManifestSources.UnreadablePathException | LiveCluster.ClusterUnreachableException e) {
            System.err.println("gatewarden check: " + e.getMessage());
            return Gatewarden.USAGE;
        }
        if (output == Output.json) {
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(CheckReport.json(result)));
        } else {
            System.out.print(CheckReport.text(result));
        }
        return result.errors() > 0 ? 1 : 0;
    }
}
