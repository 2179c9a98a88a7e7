package io.gatewarden.kube.credentials;

import io.gatewarden.kube.LiveCluster.ClusterUnreachableException;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.StringReader;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A kubeconfig kept outside the function (a Secrets Manager secret), read once at start and read again when the API
 * server answers 401: a rotated token is picked up without a restart, and the refused request is sent once more with
 * it. A kubeconfig with a client certificate instead of a token is only read at start. The source is read again at
 * most once per token the server refuses, so a revoked token costs one extra read, not a loop.
 */
public final class ReloadingKubeconfig implements Interceptor {

    private final Supplier<String> source;
    private volatile String token;

    private ReloadingKubeconfig(Supplier<String> source, String token) {
        this.source = source;
        this.token = token;
    }

    /** An API client for the kubeconfig {@code source} returns; {@code source} is asked again on a 401. */
    public static ApiClient client(Supplier<String> source) {
        KubeConfig config = parse(source.get());
        ApiClient client;
        try {
            client = ClientBuilder.kubeconfig(config).build();
        } catch (IOException | RuntimeException e) {
            throw new ClusterUnreachableException("cannot use the kubeconfig from the secret: " + e.getMessage());
        }
        ReloadingKubeconfig reloading = new ReloadingKubeconfig(source, tokenOf(config));
        client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(reloading).build());
        return client;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String used = token;
        Request request = used == null ? chain.request() : withToken(chain.request(), used);
        Response response = chain.proceed(request);
        if (response.code() != 401 || used == null) {
            return response;
        }
        String fresh = reload(used);
        if (fresh == null || fresh.equals(used)) {
            return response; // the source holds the refused token too: nothing better to try
        }
        response.close();
        return chain.proceed(withToken(request, fresh));
    }

    /** Reads the source again unless another request already replaced {@code refused}; the token to use now. */
    private synchronized String reload(String refused) {
        if (!Objects.equals(token, refused)) {
            return token;
        }
        try {
            token = tokenOf(parse(source.get()));
        } catch (RuntimeException e) {
            return refused; // the secret cannot be read now: the 401 stands, the next 401 tries again
        }
        return token;
    }

    private static Request withToken(Request request, String token) {
        return request.newBuilder().header("Authorization", "Bearer " + token).build();
    }

    private static KubeConfig parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ClusterUnreachableException("the kubeconfig secret is empty");
        }
        try {
            return KubeConfig.loadKubeConfig(new StringReader(text));
        } catch (RuntimeException e) {
            throw new ClusterUnreachableException("the kubeconfig secret is not a kubeconfig: " + e.getMessage());
        }
    }

    /** The current user's bearer token, or null when it authenticates otherwise (client certificate). */
    private static String tokenOf(KubeConfig config) {
        try {
            java.util.Map<String, String> credentials = config.getCredentials();
            String token = credentials == null ? null : credentials.get(KubeConfig.CRED_TOKEN_KEY);
            return token == null || token.isBlank() ? null : token;
        } catch (RuntimeException e) {
            return null; // no current user, or one without a token
        }
    }
}
