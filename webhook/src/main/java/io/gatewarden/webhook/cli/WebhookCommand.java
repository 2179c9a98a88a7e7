package io.gatewarden.webhook.cli;

import io.gatewarden.webhook.cluster.ClusterConfiguration;
import io.gatewarden.webhook.tls.SelfSignedCa;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatewarden webhook}: the admission webhook over HTTPS. */
@Command(name = "webhook", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run the admission webhook (HTTPS only).")
public class WebhookCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8443", description = "HTTPS port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--management-port", defaultValue = "8081", description = "Plain-HTTP port of health, "
            + "readiness and /prometheus (default ${DEFAULT-VALUE}); keep it inside the cluster.")
    int managementPort;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain; reloaded when it changes.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (PKCS#8); reloaded when it changes.")
    Path tlsKey;

    @Option(names = "--tls-dir", paramLabel = "DIR", defaultValue = ".gatewarden/tls",
            description = "Where a self-signed CA and serving certificate are written when --tls-cert is not given "
                    + "(default ${DEFAULT-VALUE}).")
    Path tlsDir;

    @Option(names = "--tls-san", paramLabel = "NAME", description = "Extra DNS name or IP for the self-signed "
            + "certificate, e.g. gatewarden.gatewarden.svc. Repeatable.")
    List<String> sans = new ArrayList<>();

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Watch this cluster (informers).")
    Path kubeconfig;

    @Option(names = "--state-from", paramLabel = "PATH", description = "Cluster view from manifests instead of a "
            + "cluster. Repeatable.")
    List<String> stateFrom = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", description = "enforce or warn (default: gatewarden.admission.mode, enforce).")
    String mode;

    @Override
    public Integer call() throws Exception {
        if ((tlsCert == null) != (tlsKey == null)) {
            System.err.println("gatewarden webhook: give both --tls-cert and --tls-key, or neither");
            return Gatewarden.USAGE;
        }
        Map<String, Object> props = new HashMap<>(WebhookProperties.https(host, port));
        if (tlsCert == null) {
            SelfSignedCa.GeneratedFiles files = SelfSignedCa.write(tlsDir, sans, Duration.ofDays(365));
            tlsCert = files.certificate();
            tlsKey = files.privateKey();
            System.out.println("CA certificate (for caBundle): " + files.caCertificate().toAbsolutePath());
        }
        props.putAll(WebhookProperties.certificate(tlsCert, tlsKey));
        props.putAll(clusterProperties());
        props.putAll(WebhookProperties.management(managementPort));
        if (mode != null) {
            props.put("gatewarden.admission.mode", mode.toUpperCase());
        }
        try (ApplicationContext ctx = ApplicationContext.builder().properties(props).start()) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            System.out.println("gatewarden webhook listening on " + server.getURL()
                    + " (POST /validate, /mutate; /check when gatewarden.check-endpoint.enabled); "
                    + "management on http://" + host + ":" + managementPort + " (GET /health/readiness, /prometheus)");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return 0;
    }

    private Map<String, Object> clusterProperties() {
        Map<String, Object> p = new HashMap<>();
        String prefix = ClusterConfiguration.PREFIX + ".";
        if (!stateFrom.isEmpty()) {
            p.put(prefix + "source", "MANIFESTS");
            p.put(prefix + "state-from", stateFrom);
        } else if (kubeconfig != null) {
            p.put(prefix + "source", "INFORMERS");
            p.put(prefix + "kubeconfig", kubeconfig.toAbsolutePath().toString());
        } else if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
            p.put(prefix + "source", "INFORMERS");
        }
        return p;
    }
}
