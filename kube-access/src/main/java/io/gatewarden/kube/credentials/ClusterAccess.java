package io.gatewarden.kube.credentials;

import io.gatewarden.kube.LiveCluster;
import io.kubernetes.client.openapi.ApiClient;
import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * How a process reaches its cluster, first match wins: an EKS cluster with tokens signed by the process's IAM role;
 * a kubeconfig held in a secret; a kubeconfig file; the in-cluster service account.
 *
 * @param kubeconfig       kubeconfig file, or null
 * @param kubeconfigSecret reads the kubeconfig text (from Secrets Manager), or null
 * @param eks              EKS coordinates, or null
 */
public record ClusterAccess(Path kubeconfig, Supplier<String> kubeconfigSecret, Eks eks) {

    /**
     * An EKS cluster.
     *
     * @param cluster                  cluster name (signed into every token)
     * @param endpoint                 API server URL
     * @param certificateAuthorityData the cluster CA, base64 PEM
     * @param region                   the cluster's region
     */
    public record Eks(String cluster, String endpoint, String certificateAuthorityData, String region) {

        /**
         * The EKS settings under {@code prefix}, or null when no cluster is named; a region left unset is the
         * process's ({@code AWS_REGION}). A cluster without endpoint or CA is a configuration error naming the keys.
         */
        public static Eks of(String prefix, String cluster, String endpoint, String certificateAuthorityData,
                String region) {
            if (cluster == null || cluster.isBlank()) {
                return null;
            }
            if (endpoint == null || endpoint.isBlank() || certificateAuthorityData == null
                    || certificateAuthorityData.isBlank()) {
                throw new IllegalArgumentException(prefix + ".eks-cluster is set: set " + prefix + ".eks-endpoint and "
                        + prefix + ".eks-certificate-authority too (aws eks describe-cluster gives both)");
            }
            return new Eks(cluster, endpoint, certificateAuthorityData,
                    region != null && !region.isBlank() ? region : System.getenv("AWS_REGION"));
        }
    }

    public ApiClient client() {
        if (eks != null) {
            return EksToken.client(eks.endpoint(), eks.certificateAuthorityData(), eks.cluster(), eks.region(),
                    DefaultCredentialsProvider.builder().build());
        }
        if (kubeconfigSecret != null) {
            return ReloadingKubeconfig.client(kubeconfigSecret);
        }
        return LiveCluster.client(kubeconfig);
    }
}
