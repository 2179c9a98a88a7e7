package io.gatewarden.webhook.cli;

import io.gatewarden.webhook.cluster.ManifestSources;
import io.gatewarden.kube.LiveCluster;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.model.manifest.ManifestLimitException;
import io.gatewarden.model.manifest.ManifestObject;
import io.gatewarden.webhook.check.CheckConfig;
import io.gatewarden.webhook.check.CheckReport;
import io.gatewarden.webhook.check.CheckResult;
import io.gatewarden.webhook.check.GithubAnnotations;
import io.gatewarden.webhook.check.JunitReport;
import io.gatewarden.webhook.check.ManifestCheck;
import io.gatewarden.webhook.check.SarifReport;
import io.gatewarden.webhook.policy.PolicyEngine;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatewarden check}: the admission rules, offline, over manifest files. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Check manifests against the load-balancer rules. "
                + "Exit 0: no error; 1: errors found; 2: usage error, unreadable path, bad configuration or input "
                + "beyond the reader's limits (alias bombs, nesting over 100 levels).")
public class CheckCommand implements Callable<Integer> {

    /** Where SARIF's helpUri points unless --rules-url says otherwise. */
    public static final String DEFAULT_RULES_URL = "https://github.com/gatewarden/gatewarden/blob/main/docs/rules.md";

    enum Output { text, json, sarif, junit, github }

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "PATH",
            description = "File, directory (recursive: .yaml, .yml, .json; a folder with a kustomization.yaml is "
                    + "rendered with kubectl kustomize) or - for stdin. Repeatable.")
    List<String> paths;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "text, json, sarif, junit or github (default: ${DEFAULT-VALUE}).")
    Output output;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Also look up referenced objects in this cluster (read-only LIST calls).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "PATH",
            description = "Load objects from PATH for lookups only (never checked). Repeatable.")
    List<String> contextPaths = new ArrayList<>();

    @Option(names = "--strict-refs",
            description = "A reference to an object that is not in the checked files is an error, not a warning.")
    boolean strictRefs;

    @Option(names = "--strict", description = "Exit 2 when a given path yields no object.")
    boolean strict;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: the nearest " + CheckConfig.FILE_NAME
                    + " in or above the first checked path).")
    Path config;

    @Option(names = "--rules-url", paramLabel = "URL", defaultValue = DEFAULT_RULES_URL,
            description = "Absolute URL of docs/rules.md for SARIF's helpUri (default: ${DEFAULT-VALUE}).")
    String rulesUrl;

    @Inject
    ManifestCheck check;

    @Override
    public Integer call() throws Exception {
        CheckResult result;
        try {
            CheckConfig cfg = configuration();
            ManifestSources sources = new ManifestSources();
            ManifestSources.Read read = sources.read(paths, System.in, cfg::excludes);
            List<KubernetesObject> lookups = new ArrayList<>();
            List<String> context = new ArrayList<>(contextPaths);
            cfg.context().forEach(p -> context.add(p.toString()));
            if (!context.isEmpty()) {
                sources.read(context, System.in, p -> false).parsed().objects().stream()
                        .map(ManifestObject::typed).filter(Objects::nonNull).forEach(lookups::add);
            }
            if (kubeconfig != null) {
                LiveCluster.Snapshot snapshot = LiveCluster.fromKubeconfig(kubeconfig).read();
                snapshot.notes().forEach(n -> System.err.println("gatewarden check: " + n));
                lookups.addAll(0, snapshot.objects());
            }
            for (String empty : read.emptyPaths()) {
                System.err.println("gatewarden check: warning: " + empty + " yields no Kubernetes object"
                        + (strict ? "" : " (--strict makes this an error)"));
            }
            if (strict && !read.emptyPaths().isEmpty()) {
                return Gatewarden.USAGE;
            }
            boolean authoritative = strictRefs || !context.isEmpty() || kubeconfig != null;
            result = cfg.apply(checker().check(read.parsed(), lookups, authoritative));
        } catch (ManifestSources.UnreadablePathException | LiveCluster.ClusterUnreachableException
                | CheckConfig.InvalidConfigException | ManifestLimitException e) {
            System.err.println("gatewarden check: " + e.getMessage());
            return Gatewarden.USAGE;
        }
        System.out.print(render(result));
        return result.errors() > 0 ? 1 : 0;
    }

    private String render(CheckResult result) throws Exception {
        return switch (output) {
            case text -> CheckReport.text(result);
            case json -> Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(CheckReport.json(result)) + "\n";
            case sarif -> Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(SarifReport.of(result, Version.current(), rulesUrl)) + "\n";
            case junit -> JunitReport.of(result);
            case github -> GithubAnnotations.of(result);
        };
    }

    private CheckConfig configuration() {
        if (config != null) {
            return CheckConfig.load(config);
        }
        Path start = paths.isEmpty() || "-".equals(paths.get(0)) ? Path.of("") : Path.of(paths.get(0));
        return CheckConfig.discover(start).map(CheckConfig::load).orElse(CheckConfig.none());
    }

    /** The injected checker, or one built here when the command runs without the application context. */
    private ManifestCheck checker() {
        return check != null ? check : new ManifestCheck(new PolicyEngine());
    }
}
