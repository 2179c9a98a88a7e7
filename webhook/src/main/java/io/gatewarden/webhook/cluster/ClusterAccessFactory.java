package io.gatewarden.webhook.cluster;

import io.gatewarden.kube.LiveCluster.ClusterUnreachableException;
import io.gatewarden.kube.credentials.ClusterAccess;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Turns {@code gatewarden.cluster.*} into a {@link ClusterAccess}: EKS tokens from the role, a kubeconfig in a Secrets
 * Manager secret ({@code gatewarden.aws.secretsmanager-endpoint} overrides the endpoint, for tests), a kubeconfig
 * file, or in-cluster.
 */
final class ClusterAccessFactory {

    private ClusterAccessFactory() {
    }

    static ClusterAccess of(ClusterConfiguration config, String secretsManagerEndpoint) {
        try {
            return config.access(ClusterConfiguration.PREFIX, arn -> read(arn, secretsManagerEndpoint));
        } catch (IllegalArgumentException e) {
            throw new ClusterUnreachableException(e.getMessage());
        }
    }

    /** One read of the secret; a client per read, since reads happen at start and after a 401 only. */
    private static String read(String arn, String endpoint) {
        SecretsManagerClientBuilder b = SecretsManagerClient.builder().httpClientBuilder(
                UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)));
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpointOverride(URI.create(endpoint));
        }
        Arn.tryFromString(arn).flatMap(Arn::region) // the secret lives in its ARN's region, whatever the function's is
                .ifPresent(region -> b.region(Region.of(region)));
        try (SecretsManagerClient client = b.build()) {
            return client.getSecretValue(r -> r.secretId(arn)).secretString();
        } catch (RuntimeException e) {
            throw new ClusterUnreachableException("cannot read the kubeconfig secret " + arn + ": " + e.getMessage());
        }
    }
}
