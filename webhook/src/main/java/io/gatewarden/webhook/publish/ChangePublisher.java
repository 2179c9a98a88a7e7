package io.gatewarden.webhook.publish;

import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.manifest.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends ChangeEvents to the SQS FIFO queue from a background thread, so admission never waits on SQS:
 * {@link #offer} only puts the event into a bounded buffer. Failed sends are retried with exponential backoff
 * and jitter; an event that still fails, or finds the buffer full, is dropped and counted — the applier's
 * reconcile repairs what is lost. What SQS refuses for good (too large, access denied, no such queue) is never
 * retried, so it cannot stall the events behind it. In Lambda ({@code in-call}) there is no background thread. MessageGroupId = cluster/kind/namespace/name; deduplication id = event id.
 */
@Singleton
public class ChangePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ChangePublisher.class);
    /** SQS's message size limit (256 KiB). */
    static final int MAX_MESSAGE_BYTES = 262_144;

    private final Optional<SqsClient> sqs;
    private final PublishConfiguration config;
    private final BlockingQueue<ChangeEvent> buffer;
    private final Counter sent;
    private final Counter failed;
    private final Counter dropped;
    private final Thread sender;
    private final MeterRegistry registry;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Set<String> loggedReasons = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    public ChangePublisher(Optional<SqsClient> sqs, PublishConfiguration config, MeterRegistry registry) {
        this.sqs = sqs;
        this.config = config;
        this.registry = registry;
        this.buffer = new LinkedBlockingQueue<>(Math.max(1, config.getBuffer()));
        this.sent = Counter.builder("gatewarden.publish.sent").description("ChangeEvents sent to SQS").register(registry);
        this.failed = Counter.builder("gatewarden.publish.failed").description("SQS sends that failed (retried)")
                .register(registry);
        this.dropped = Counter.builder("gatewarden.publish.dropped")
                .description("ChangeEvents given up (buffer full or retries exhausted); reconcile repairs them")
                .register(registry);
        Gauge.builder("gatewarden.publish.buffered", buffer, BlockingQueue::size).register(registry);
        this.sender = new Thread(this::drain, "gatewarden-publisher");
        this.sender.setDaemon(true);
        if (sqs.isPresent() && !config.isInCall()) {
            sender.start();
        }
    }

    /** The object an event is about, for a log line: at most 200 characters, whatever the name's length. */
    static String who(ChangeEvent event) {
        String key = event.objectKey();
        return key.length() <= 200 ? key : key.substring(0, 200) + "… (" + key.length() + " characters)";
    }

    /** True when events go anywhere. */
    public boolean enabled() {
        return sqs.isPresent() && config.getQueueUrl() != null;
    }

    public String clusterName() {
        return config.getClusterName();
    }

    /**
     * Never blocks in the default mode: the event goes into the buffer. With {@code in-call} (AWS Lambda, whose
     * threads freeze between invocations) the event is sent here, once, within {@code in-call-timeout}; a failure
     * is counted as dropped and left to the reconcile.
     */
    public void offer(ChangeEvent event) {
        if (!enabled()) {
            return;
        }
        if (config.isInCall()) {
            try {
                send(event, body(event), config.getInCallTimeout());
            } catch (RejectedEventException e) {
                // counted and logged
            } catch (RuntimeException e) {
                failed.increment();
                dropped.increment();
                LOG.warn("send of event {} for {} failed within the invocation, left to the reconcile: {}",
                        event.eventId(), who(event), e.getMessage());
            }
            return;
        }
        if (!buffer.offer(event)) {
            dropped.increment();
            LOG.warn("publish buffer full: dropped event {} for {}", event.eventId(), who(event));
        }
    }

    private void drain() {
        while (running) {
            ChangeEvent event;
            try {
                event = buffer.poll(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event != null) {
                sendWithRetries(event);
            }
        }
    }

    private void sendWithRetries(ChangeEvent event) {
        String body;
        try {
            body = body(event); // once, not per attempt
        } catch (RejectedEventException e) {
            return; // counted and logged
        }
        Duration backoff = config.getFirstBackoff();
        for (int attempt = 1; running; attempt++) {
            try {
                send(event, body, null);
                return;
            } catch (RejectedEventException e) {
                return; // counted and logged by send
            } catch (RuntimeException e) {
                failed.increment();
                if (attempt >= config.getMaxAttempts()) {
                    dropped.increment();
                    LOG.warn("giving up event {} for {} after {} attempts: {}", event.eventId(),
                            who(event), attempt, e.getMessage());
                    return;
                }
                LOG.warn("send of event {} failed (attempt {}), retrying: {}", event.eventId(), attempt, e.getMessage());
                sleep(backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1));
                backoff = backoff.multipliedBy(2).compareTo(config.getMaxBackoff()) > 0 ? config.getMaxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** The message body; an event SQS could never take (unserializable, too large) is rejected here. */
    private String body(ChangeEvent event) {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw reject("invalid", event, e.getMessage());
        }
        if (body.length > MAX_MESSAGE_BYTES) {
            throw reject("too-large", event, body.length + " bytes, SQS takes at most " + MAX_MESSAGE_BYTES);
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * One send. A rejection no retry can fix (access denied, no such queue, invalid) is counted by reason, logged
     * once per reason, and thrown as {@link RejectedEventException}; anything else (network, 5xx, throttling) is
     * thrown as is, for the caller to retry.
     */
    private void send(ChangeEvent event, String text, Duration timeout) {
        try {
            sqs.orElseThrow().sendMessage(b -> {
                b.queueUrl(config.getQueueUrl()).messageBody(text).messageGroupId(event.messageGroupId())
                        .messageDeduplicationId(event.eventId());
                if (timeout != null) {
                    b.overrideConfiguration(o -> o.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout));
                }
            });
            sent.increment();
        } catch (AwsServiceException e) {
            String reason = fatalReason(e);
            if (reason != null) {
                throw reject(reason, event, e.awsErrorDetails() == null ? e.getMessage()
                        : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
            }
            throw e;
        }
    }

    /** The rejection reason when retrying cannot help (a 4xx other than throttling), else null. */
    static String fatalReason(AwsServiceException e) {
        if (e.statusCode() < 400 || e.statusCode() >= 500 || e.isThrottlingException()) {
            return null;
        }
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        if (e.statusCode() == 403 || code.contains("AccessDenied") || code.contains("KmsAccessDenied")) {
            return "access-denied";
        }
        if (code.contains("NonExistentQueue") || code.contains("QueueDoesNotExist")) {
            return "missing-queue";
        }
        if (String.valueOf(e.getMessage()).contains("shorter than")) {
            return "too-large";
        }
        return "invalid";
    }

    private RejectedEventException reject(String reason, ChangeEvent event, String detail) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("gatewarden.publish.rejected").tag("reason", r)
                .description("ChangeEvents SQS refused for good (not retried): too-large, access-denied, "
                        + "missing-queue, invalid").register(registry)).increment();
        if (loggedReasons.add(reason)) {
            LOG.error("SQS refused event {} for {} ({}, not retried; later ones are only counted in "
                    + "gatewarden_publish_rejected_total): {}", event.eventId(), who(event), reason, detail);
        }
        return new RejectedEventException();
    }

    /** An event SQS will never take; already counted and logged. */
    private static final class RejectedEventException extends RuntimeException {
        RejectedEventException() {
            super(null, null, false, false);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        sender.interrupt();
    }
}
