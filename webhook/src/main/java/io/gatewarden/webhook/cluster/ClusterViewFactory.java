package io.gatewarden.webhook.cluster;

import io.gatewarden.kube.LiveCluster;
import io.gatewarden.kube.credentials.ClusterAccess;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.ManifestObject;
import io.gatewarden.model.manifest.ParseResult;
import io.gatewarden.webhook.cluster.ManifestSources;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** Builds the cluster view source the configuration asks for. */
@Factory
public class ClusterViewFactory {

    /** Eager: loading manifests or starting informers belongs to start-up, not to the first admission. */
    @Context
    @Bean(preDestroy = "close")
    ClusterViewSourceHolder clusterViewSource(ClusterConfiguration config,
            @Nullable @Value("${gatewarden.aws.secretsmanager-endpoint:}") String secretsManagerEndpoint) {
        ClusterAccess access = ClusterAccessFactory.of(config, secretsManagerEndpoint);
        ClusterViewSource source = switch (config.getSource()) {
            case NONE -> new StaticViewSource(List.of(), "none");
            case MANIFESTS -> new StaticViewSource(load(config.getStateFrom()), "manifests " + config.getStateFrom());
            case INFORMERS -> new InformerViewSource(access.client(), config.getResync(),
                    config.getRetry());
            case API -> new ApiViewSource(new LiveCluster(access.client()), config.getTtl(),
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
