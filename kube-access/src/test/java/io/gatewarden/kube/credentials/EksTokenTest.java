package io.gatewarden.kube.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.DefaultRequest;
import com.amazonaws.auth.AWS4Signer;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.http.HttpMethodName;
import com.amazonaws.util.RuntimeHttpUtils;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The EKS token's contract ({@code aws eks get-token}): {@code k8s-aws-v1.} + base64url(no padding) of a pre-signed
 * STS GetCallerIdentity URL in the cluster's region, signing {@code host} and {@code x-k8s-aws-id}, valid 60 s; and
 * the same signature as the AWS SDK v1 pre-signer (which client-java's EKSAuthentication uses) for the same time.
 */
class EksTokenTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:15:30Z");
    static final String KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Test
    void token_isAPresignedGetCallerIdentityUrl_signedLikeTheV1Signer() {
        String token = new EksToken("prod-eu", "eu-west-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)),
                Clock.fixed(NOW, ZoneOffset.UTC)).get();

        assertTrue(token.startsWith("k8s-aws-v1."), token);
        String encoded = token.substring("k8s-aws-v1.".length());
        assertTrue(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"), "base64url, no padding");
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
        assertEquals("https", url.getScheme());
        assertEquals("sts.eu-west-1.amazonaws.com", url.getHost());
        Map<String, String> q = query(url);
        assertEquals("GetCallerIdentity", q.get("Action"));
        assertEquals("2011-06-15", q.get("Version"));
        assertEquals("AWS4-HMAC-SHA256", q.get("X-Amz-Algorithm"));
        assertEquals(KEY + "/20261202/eu-west-1/sts/aws4_request", q.get("X-Amz-Credential"));
        assertEquals("20261202T101530Z", q.get("X-Amz-Date"));
        assertEquals("60", q.get("X-Amz-Expires"));
        assertEquals("host;x-k8s-aws-id", q.get("X-Amz-SignedHeaders"));

        assertEquals(v1Signature(), q.get("X-Amz-Signature"));
    }

    /** The v1 SDK's pre-signature of the same request at the same instant. */
    static String v1Signature() {
        DefaultRequest<Void> request = new DefaultRequest<>("sts");
        request.setHttpMethod(HttpMethodName.GET);
        request.setEndpoint(URI.create("https://sts.eu-west-1.amazonaws.com"));
        request.setResourcePath("/");
        request.addParameter("Action", "GetCallerIdentity");
        request.addParameter("Version", "2011-06-15");
        request.addHeader("x-k8s-aws-id", "prod-eu");
        AWS4Signer signer = new AWS4Signer();
        signer.setServiceName("sts");
        signer.setRegionName("eu-west-1");
        signer.setOverrideDate(Date.from(NOW));
        // v1 derives X-Amz-Expires from the wall clock, not from the override date
        signer.presignRequest(request, new BasicAWSCredentials(KEY, SECRET),
                new Date(System.currentTimeMillis() + 60_500));
        return query(URI.create(RuntimeHttpUtils.convertRequestToUrl(request, true, false).toString()))
                .get("X-Amz-Signature");
    }

    static Map<String, String> query(URI url) {
        Map<String, String> out = new TreeMap<>();
        Arrays.stream(url.getRawQuery().split("&")).map(p -> p.split("=", 2)).forEach(p ->
                out.put(p[0], URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
        return out;
    }
}
