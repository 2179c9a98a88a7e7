package io.gatewarden.webhook.cluster;

import io.gatewarden.kube.LiveCluster;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.ManifestObject;
import io.gatewarden.model.manifest.ParseResult;
import io.gatewarden.webhook.cli.ManifestSources;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Builds the cluster view source the configuration asks for. */
@Factory
public class ClusterViewFactory {

    /** Eager: loading manifests or starting informers belongs to start-up, not to the first admission. */
    @Context
    @Bean(preDestroy = "close")
    ClusterViewSourceHolder clusterViewSource(ClusterConfiguration config) {
        Path kubeconfig = config.getKubeconfig() == null ? null : Path.of(config.getKubeconfig());
        ClusterViewSource source = switch (config.getSource()) {
            case NONE -> new StaticViewSource(List.of(), "none");
            case MANIFESTS -> new StaticViewSource(load(config.getStateFrom()), "manifests " + config.getStateFrom());
            case INFORMERS -> new InformerViewSource(LiveCluster.client(kubeconfig), config.getResync(),
                    config.getRetry());
            case API -> new ApiViewSource(new LiveCluster(LiveCluster.client(kubeconfig)), config.getTtl(),
                    Clock.systemUTC());
            case ADMITTED -> new StaticViewSource(load(config.getStateFrom()), "admitted objects", true);
        };
        return new ClusterViewSourceHolder(source);
    }

    private static List<KubernetesObject> load(List<String> paths) {
        ParseResult parsed = new ManifestSources().read(paths, InputStream.nullInputStream());
        return parsed.objects().stream().map(ManifestObject::typed).filter(Objects::nonNull).toList();
    }
}
