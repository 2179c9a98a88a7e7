package io.gatewarden.applier.config;

import java.net.URI;
import java.time.Duration;

/**
 * What both controller settings share. A controller without {@code url} is not used: its objects get VIPs and
 * stay {@code Allocated}. Credentials come from AWS Secrets Manager when {@code secret-arn} is set (a JSON
 * secret {@code {"username": …, "password": …}}), else from the environment (see the subclasses); they are
 * never logged.
 */
public abstract class ControllerSettings {

    private URI url;
    private String secretArn;
    private int attempts = 5;
    private Duration backoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);

    /** Controller base URL; unset: this load balancer is not configured. */
    public URI getUrl() {
        return url;
    }

    public void setUrl(URI url) {
        this.url = url;
    }

    /** Secrets Manager ARN of the credentials; unset: the environment variables. */
    public String getSecretArn() {
        return secretArn;
    }

    public void setSecretArn(String secretArn) {
        this.secretArn = secretArn;
    }

    /** Calls per request before giving up to the queue on 5xx or timeouts (default 5). */
    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    /** First backoff delay, doubled per retry with full jitter (default 200ms). */
    public Duration getBackoff() {
        return backoff;
    }

    public void setBackoff(Duration backoff) {
        this.backoff = backoff;
    }

    /** Longest backoff delay (default 5s). */
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    /** Environment variable holding the user name when no secret ARN is set. */
    public abstract String usernameVariable();

    /** Environment variable holding the password when no secret ARN is set. */
    public abstract String passwordVariable();
}
