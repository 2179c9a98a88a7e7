package io.gatewarden.webhook.publish;

import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.manifest.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends ChangeEvents to the SQS FIFO queue from a background thread, so admission never waits on SQS:
 * {@link #offer} only puts the event into a bounded buffer. Failed sends are retried with exponential backoff
 * and jitter; an event that still fails, or finds the buffer full, is dropped and counted — the applier's
 * reconcile repairs what is lost. MessageGroupId = cluster/kind/namespace/name; deduplication id = event id.
 */
@Singleton
public class ChangePublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ChangePublisher.class);

    private final Optional<SqsClient> sqs;
    private final PublishConfiguration config;
    private final BlockingQueue<ChangeEvent> buffer;
    private final Counter sent;
    private final Counter failed;
    private final Counter dropped;
    private final Thread sender;
    private volatile boolean running = true;

    public ChangePublisher(Optional<SqsClient> sqs, PublishConfiguration config, MeterRegistry registry) {
        this.sqs = sqs;
        this.config = config;
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
        if (sqs.isPresent()) {
            sender.start();
        }
    }

    /** True when events go anywhere. */
    public boolean enabled() {
        return sqs.isPresent() && config.getQueueUrl() != null;
    }

    public String clusterName() {
        return config.getClusterName();
    }

    /** Never blocks. */
    public void offer(ChangeEvent event) {
        if (!enabled()) {
            return;
        }
        if (!buffer.offer(event)) {
            dropped.increment();
            LOG.warn("publish buffer full: dropped event {} for {}", event.eventId(), event.messageGroupId());
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
        Duration backoff = config.getFirstBackoff();
        for (int attempt = 1; running; attempt++) {
            try {
                String body = Json.mapper().writeValueAsString(event);
                sqs.orElseThrow().sendMessage(b -> b.queueUrl(config.getQueueUrl()).messageBody(body)
                        .messageGroupId(event.messageGroupId()).messageDeduplicationId(event.eventId()));
                sent.increment();
                return;
            } catch (Exception e) {
                failed.increment();
                if (attempt >= config.getMaxAttempts()) {
                    dropped.increment();
                    LOG.warn("giving up event {} for {} after {} attempts: {}", event.eventId(),
                            event.messageGroupId(), attempt, e.getMessage());
                    return;
                }
                LOG.warn("send of event {} failed (attempt {}), retrying: {}", event.eventId(), attempt, e.getMessage());
                sleep(backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1));
                backoff = backoff.multipliedBy(2).compareTo(config.getMaxBackoff()) > 0 ? config.getMaxBackoff()
                        : backoff.multipliedBy(2);
            }
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
