package io.gatewarden.local.stack;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does, on loopback: long-polls the FIFO queue, hands each batch to the
 * very handler Lambda runs as an {@link SQSEvent}, deletes the messages the handler did not report in
 * {@code batchItemFailures}, and leaves the failed ones to come back after the visibility timeout — and, after
 * the queue's maxReceiveCount, to move to its dead-letter queue. A handler that throws fails the whole batch.
 */
public final class SqsPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final Function<SQSEvent, SQSBatchResponse> handler;
    private final int batchSize;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param concurrency receivers working at once, as Lambda runs several invocations for different message groups
     *                    (a FIFO queue never hands out a group's next message while one of it is in flight)
     */
    public SqsPoller(SqsClient sqs, String queueUrl, Function<SQSEvent, SQSBatchResponse> handler, int batchSize,
            int concurrency) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        this.handler = handler;
        this.batchSize = batchSize;
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(this::loop, "sqs-poller-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    public SqsPoller start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void loop() {
        while (running) {
            try {
                pollOnce(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("polling {} failed: {}", queueUrl, e.toString());
                    sleep(Duration.ofMillis(500));
                }
            }
        }
    }

    /** One receive (waiting up to {@code wait}) and its batch; returns how many messages were received. */
    public int pollOnce(Duration wait) {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                .waitTimeSeconds((int) wait.toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            Map<String, String> attributes = new HashMap<>();
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            r.setAttributes(attributes);
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queueArn);
            records.add(r);
        }
        event.setRecords(records);
        Set<String> failed = new HashSet<>();
        try {
            SQSBatchResponse response = handler.apply(event);
            if (response != null && response.getBatchItemFailures() != null) {
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            }
        } catch (RuntimeException e) {
            LOG.warn("the handler failed the whole batch: {}", e.toString());
            messages.forEach(m -> failed.add(m.messageId()));
        }
        List<DeleteMessageBatchRequestEntry> done = messages.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle())
                        .build()).toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
        return messages.size();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(5000);
        }
    }
}
