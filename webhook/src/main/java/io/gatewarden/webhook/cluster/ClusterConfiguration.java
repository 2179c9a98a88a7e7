package io.gatewarden.webhook.cluster;

import io.gatewarden.kube.credentials.ClusterAccessSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Where the webhook's cluster view comes from ({@code gatewarden.cluster.*}). */
@ConfigurationProperties(ClusterConfiguration.PREFIX)
public class ClusterConfiguration extends ClusterAccessSettings {

    public static final String PREFIX = "gatewarden.cluster";

    /** How the view is fed. */
    public enum Source {
        /** Empty view: only the admitted object itself is known. */
        NONE,
        /** Objects loaded once from manifest files ({@code state-from}). */
        MANIFESTS,
        /** List + watch informers against the cluster (in-cluster config, or {@code kubeconfig}). */
        INFORMERS,
        /** Reads through the Kubernetes API, cached for {@code ttl} (serverless: no long-lived watches). */
        API,
        /**
         * No cluster behind the webhook (the local stack): {@code state-from} manifests, then every object this
         * webhook admits (allowed, not a dry run) as if the API server had stored it; deletes remove it.
         */
        ADMITTED
    }

    private Source source = Source.NONE;
    private List<String> stateFrom = new ArrayList<>();
    private Duration ttl = Duration.ofSeconds(10);
    private Duration resync = Duration.ofMinutes(10);
    private Duration retry = Duration.ofSeconds(10);

    /** Default NONE. */
    public Source getSource() {
        return source;
    }

    public void setSource(Source source) {
        this.source = source;
    }

    /** Manifest files or directories for source MANIFESTS. */
    public List<String> getStateFrom() {
        return stateFrom;
    }

    public void setStateFrom(List<String> stateFrom) {
        this.stateFrom = stateFrom;
    }

    /** How old the API source's snapshot may get before it is refreshed in the background (default 10s). */
    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    /**
     * How often INFORMERS lists a resource again that could not be listed (unreachable, 401, 403, 5xx; default 10s).
     * Until every resource is listed or answered 404 the webhook is not ready.
     */
    public Duration getRetry() {
        return retry;
    }

    public void setRetry(Duration retry) {
        this.retry = retry;
    }

    /** Informer resync period (default 10m). */
    public Duration getResync() {
        return resync;
    }

    public void setResync(Duration resync) {
        this.resync = resync;
    }
}
