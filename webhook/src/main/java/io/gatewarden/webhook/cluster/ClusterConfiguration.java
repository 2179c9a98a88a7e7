package io.gatewarden.webhook.cluster;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Where the webhook's cluster view comes from ({@code gatewarden.cluster.*}). */
@ConfigurationProperties(ClusterConfiguration.PREFIX)
public class ClusterConfiguration {

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
    private String kubeconfig;
    private String kubeconfigSecretArn;
    private String eksCluster;
    private String eksEndpoint;
    private String eksCertificateAuthority;
    private String eksRegion;
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

    /** Kubeconfig file for INFORMERS and API; unset means in-cluster configuration. */
    public String getKubeconfig() {
        return kubeconfig;
    }

    public void setKubeconfig(String kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /**
     * A Secrets Manager secret whose string is a kubeconfig, for INFORMERS and API (the serverless webhook): read at
     * start and again when the API server answers 401, so a rotated token is picked up. Wins over {@code kubeconfig}.
     */
    public String getKubeconfigSecretArn() {
        return kubeconfigSecretArn;
    }

    public void setKubeconfigSecretArn(String kubeconfigSecretArn) {
        this.kubeconfigSecretArn = kubeconfigSecretArn;
    }

    /** EKS cluster name: with {@code eks-endpoint} and {@code eks-certificate-authority}, tokens signed by the role. */
    public String getEksCluster() {
        return eksCluster;
    }

    public void setEksCluster(String eksCluster) {
        this.eksCluster = eksCluster;
    }

    /** The EKS cluster's API server URL. */
    public String getEksEndpoint() {
        return eksEndpoint;
    }

    public void setEksEndpoint(String eksEndpoint) {
        this.eksEndpoint = eksEndpoint;
    }

    /** The EKS cluster's CA, base64 PEM (certificateAuthority.data of describe-cluster). */
    public String getEksCertificateAuthority() {
        return eksCertificateAuthority;
    }

    public void setEksCertificateAuthority(String eksCertificateAuthority) {
        this.eksCertificateAuthority = eksCertificateAuthority;
    }

    /** The EKS cluster's region; unset means the process's region ({@code AWS_REGION}). */
    public String getEksRegion() {
        return eksRegion;
    }

    public void setEksRegion(String eksRegion) {
        this.eksRegion = eksRegion;
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
