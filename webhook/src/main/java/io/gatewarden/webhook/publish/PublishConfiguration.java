package io.gatewarden.webhook.publish;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Where admitted changes go ({@code gatewarden.publish.*}). */
@ConfigurationProperties(PublishConfiguration.PREFIX)
public class PublishConfiguration {

    public static final String PREFIX = "gatewarden.publish";
    public static final int DEFAULT_BUFFER = 10_000;
    public static final int DEFAULT_MAX_ATTEMPTS = 10;

    private boolean enabled;
    private String queueUrl;
    private String clusterName = "default";
    private String sqsEndpoint;
    private String region = "eu-west-1";
    private int buffer = DEFAULT_BUFFER;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration firstBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private boolean inCall = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
    private Duration inCallTimeout = Duration.ofMillis(1500);

    /** Publish ChangeEvents to SQS (default false). */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The FIFO queue's URL. */
    public String getQueueUrl() {
        return queueUrl;
    }

    public void setQueueUrl(String queueUrl) {
        this.queueUrl = queueUrl;
    }

    /** This cluster's name in every event (default "default"); one table serves many clusters. */
    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    /** Endpoint override (ElasticMQ, LocalStack); unset in AWS. */
    public String getSqsEndpoint() {
        return sqsEndpoint;
    }

    public void setSqsEndpoint(String sqsEndpoint) {
        this.sqsEndpoint = sqsEndpoint;
    }

    /** AWS region of the queue (default eu-west-1; AWS_REGION wins in AWS). */
    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    /** Events held in memory while SQS is slow or down (default 10000); beyond that they are dropped and counted. */
    public int getBuffer() {
        return buffer;
    }

    public void setBuffer(int buffer) {
        this.buffer = buffer;
    }

    /** Sends of one event before it is dropped (default 10); the applier's reconcile repairs what is lost. */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** First retry delay (default 100ms), doubling with jitter up to {@code max-backoff} (default 30s). */
    public Duration getFirstBackoff() {
        return firstBackoff;
    }

    public void setFirstBackoff(Duration firstBackoff) {
        this.firstBackoff = firstBackoff;
    }

    /**
     * Send each event within the admission call, once, instead of from a background thread (default: true in AWS
     * Lambda, whose threads freeze between invocations, else false).
     */
    public boolean isInCall() {
        return inCall;
    }

    public void setInCall(boolean inCall) {
        this.inCall = inCall;
    }

    /** The whole SQS call's limit in {@code in-call} mode (default 1500ms; the webhook's own timeout is longer). */
    public Duration getInCallTimeout() {
        return inCallTimeout;
    }

    public void setInCallTimeout(Duration inCallTimeout) {
        this.inCallTimeout = inCallTimeout;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }
}
