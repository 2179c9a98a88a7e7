package io.gatewarden.webhook.server;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Connection limits of the admission port ({@code gatewarden.server.*}). Idle connections are Micronaut's
 * {@code micronaut.server.idle-timeout} (120 s in Gatewarden's defaults); these two cover what an idle timer cannot.
 */
@ConfigurationProperties("gatewarden.server")
public class ConnectionConfiguration {

    private int maxConnections = 512;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private boolean fastPath = true;

    /**
     * Answer {@code POST /validate} and {@code /mutate} on HTTP/1.1 right after the HTTP codec (default true), with
     * the same decisions and answers as the Micronaut controller, which still serves them when this is off.
     */
    public boolean isFastPath() {
        return fastPath;
    }

    public void setFastPath(boolean fastPath) {
        this.fastPath = fastPath;
    }

    /**
     * Open connections at most (default 512); a connection beyond it is closed as soon as it is accepted. The API
     * server keeps a few keep-alive connections per replica, so the cap only bites on a flood.
     */
    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /**
     * Time from a request's first byte to its last (headers and body, default 10 s; the API server's webhook timeout
     * is at most 30 s). A client that trickles a request slower than that (slow-loris) is disconnected, whatever
     * it sends in between, which an idle timer alone never does.
     */
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
