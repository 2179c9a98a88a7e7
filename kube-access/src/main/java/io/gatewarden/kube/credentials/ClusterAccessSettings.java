package io.gatewarden.kube.credentials;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The keys that say how a process reaches its cluster, shared by the webhook ({@code gatewarden.cluster.*}) and the
 * applier ({@code gatewarden.applier.*}): both configurations extend this class.
 */
public class ClusterAccessSettings {

    private String kubeconfig;
    private String kubeconfigSecretArn;
    private String eksCluster;
    private String eksEndpoint;
    private String eksCertificateAuthority;
    private String eksRegion;

    /**
     * The access these keys describe, first match wins: EKS, the kubeconfig secret (read with {@code secrets}), the
     * kubeconfig file, in-cluster. An incomplete EKS setting is an {@link IllegalArgumentException} naming the keys
     * under {@code prefix}.
     */
    public ClusterAccess access(String prefix, Function<String, String> secrets) {
        ClusterAccess.Eks eks = ClusterAccess.Eks.of(prefix, eksCluster, eksEndpoint, eksCertificateAuthority,
                eksRegion);
        String arn = kubeconfigSecretArn;
        return new ClusterAccess(kubeconfig == null ? null : Path.of(kubeconfig),
                arn == null || arn.isBlank() ? null : () -> secrets.apply(arn), eks);
    }

    /** Kubeconfig file; unset means the in-cluster configuration. */
    public String getKubeconfig() {
        return kubeconfig;
    }

    public void setKubeconfig(String kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /**
     * A Secrets Manager secret whose string is the kubeconfig: read at start and again when the API server answers
     * 401, so a rotated token is picked up. Wins over {@code kubeconfig}.
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

    /** The EKS cluster's region; unset means the process's ({@code AWS_REGION}). */
    public String getEksRegion() {
        return eksRegion;
    }

    public void setEksRegion(String eksRegion) {
        this.eksRegion = eksRegion;
    }
}
