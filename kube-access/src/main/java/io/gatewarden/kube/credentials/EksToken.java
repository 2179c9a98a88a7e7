package io.gatewarden.kube.credentials;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.credentials.RefreshAuthentication;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * EKS bearer tokens signed by the function's own IAM role, the way {@code aws eks get-token} makes them: a
 * pre-signed STS {@code GetCallerIdentity} URL naming the cluster in the signed header {@code x-k8s-aws-id}, valid
 * 60 s for the signature (EKS accepts a token for 15 minutes), base64url-encoded behind {@code k8s-aws-v1.}. No
 * long-lived token exists anywhere; the role needs an EKS access entry (or an aws-auth mapping) in the cluster.
 * client-java's own {@code EKSAuthentication} signs with AWS SDK v1, which the functions do not carry, and never
 * refreshes; here the SDK v2 signer signs and client-java's {@link RefreshAuthentication} renews every 10 minutes.
 */
public final class EksToken implements Supplier<String> {

    static final Duration SIGNATURE_VALIDITY = Duration.ofSeconds(60);
    static final Duration REFRESH = Duration.ofMinutes(10);

    private final String cluster;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;

    public EksToken(String cluster, String region, AwsCredentialsProvider credentials, Clock clock) {
        this.cluster = cluster;
        this.region = region;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * An API client for an EKS cluster: its endpoint and CA (base64 PEM, as {@code aws eks describe-cluster} and
     * Terraform's {@code aws_eks_cluster} give them) and tokens from this role.
     */
    public static ApiClient client(String endpoint, String certificateAuthorityData, String cluster, String region,
            AwsCredentialsProvider credentials) {
        return new ClientBuilder().setBasePath(endpoint)
                .setCertificateAuthority(Base64.getDecoder().decode(certificateAuthorityData.strip()))
                .setAuthentication(new RefreshAuthentication(new EksToken(cluster, region, credentials,
                        Clock.systemUTC()), REFRESH))
                .build();
    }

    @Override
    public String get() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("https://sts." + region + ".amazonaws.com/"))
                .appendRawQueryParameter("Action", "GetCallerIdentity")
                .appendRawQueryParameter("Version", "2011-06-15")
                .putHeader("x-k8s-aws-id", cluster).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, SIGNATURE_VALIDITY)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        String url = signed.request().getUri().toString();
        return "k8s-aws-v1." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }
}
