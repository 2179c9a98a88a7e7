package io.gatewarden.applier.handler;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.handler.ChangeProcessor;
import io.gatewarden.applier.store.StateStore;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.manifest.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The dead-letter queue as an operator sees it: what is in it (object, receive count, the last failure the applier
 * recorded on the object's state) and moving messages back to the change queue. Listing receives every message
 * with a short visibility timeout and then makes them all visible again, so nothing is consumed; at most
 * {@link #MAX_MESSAGES} are looked at. On a FIFO queue a listing shows the first message of each message group
 * (one object's events are one group, and FIFO holds the later ones back while the first is received).
 */
public final class DeadLetters {

    public static final int MAX_MESSAGES = 1000;
    private static final int HOLD_SECONDS = 30;

    private final SqsClient sqs;
    private final String deadLetterQueueUrl;
    private final StateStore states;

    /** One message of the dead-letter queue. {@code key} is the object, {@code lastFailure} may be empty. */
    public record DeadLetter(String messageId, String key, int receiveCount, Optional<String> lastFailure) {
    }

    public DeadLetters(SqsClient sqs, String deadLetterQueueUrl, StateStore states) {
        this.sqs = sqs;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.states = states;
    }

    public List<DeadLetter> list() {
        Map<Message, DeadLetter> held = hold();
        release(held.keySet());
        return List.copyOf(held.values());
    }

    /**
     * Re-sends the matching messages to {@code queueUrl} (same body and message group, a new deduplication id) and
     * deletes them from the dead-letter queue; the others are made visible again. Works on SQS and on ElasticMQ,
     * which has no message-move task.
     *
     * @return the keys moved back
     */
    public List<String> redrive(String queueUrl, Predicate<DeadLetter> which) {
        List<String> moved = new ArrayList<>();
        // FIFO holds a group's later messages back until its first is gone: repeat until a round moves nothing.
        while (moved.size() < MAX_MESSAGES) {
            List<String> now = redriveRound(queueUrl, which);
            moved.addAll(now);
            if (now.isEmpty()) {
                break;
            }
        }
        return moved;
    }

    private List<String> redriveRound(String queueUrl, Predicate<DeadLetter> which) {
        Map<Message, DeadLetter> held = hold();
        List<String> moved = new ArrayList<>();
        List<Message> keep = new ArrayList<>();
        for (Map.Entry<Message, DeadLetter> e : held.entrySet()) {
            if (!which.test(e.getValue())) {
                keep.add(e.getKey());
                continue;
            }
            Message m = e.getKey();
            String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
            sqs.sendMessage(b -> {
                b.queueUrl(queueUrl).messageBody(m.body());
                if (group != null) {
                    b.messageGroupId(group).messageDeduplicationId("redrive-" + m.messageId());
                }
            });
            sqs.deleteMessage(b -> b.queueUrl(deadLetterQueueUrl).receiptHandle(m.receiptHandle()));
            moved.add(e.getValue().key());
        }
        release(keep);
        return moved;
    }

    /**
     * SQS's own redrive of the whole queue back to its source queue (a message-move task); returns the task handle.
     * ElasticMQ has no such task: use {@link #redrive} there.
     */
    public String moveAllBack() {
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(deadLetterQueueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        return sqs.startMessageMoveTask(b -> b.sourceArn(arn)).taskHandle();
    }

    private Map<Message, DeadLetter> hold() {
        Map<Message, DeadLetter> held = new LinkedHashMap<>();
        while (held.size() < MAX_MESSAGES) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(HOLD_SECONDS).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                            MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
            if (batch.isEmpty()) {
                break;
            }
            batch.forEach(m -> held.put(m, describe(m)));
        }
        return held;
    }

    private DeadLetter describe(Message m) {
        String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        int receives = count == null ? 0 : Integer.parseInt(count);
        try {
            var body = Json.mapper().readTree(m.body());
            if (body.has("build")) { // a parent's build job: the parent is what failed to build
                return new DeadLetter(m.messageId(), "build of " + body.path("build").asText(), receives,
                        Optional.empty());
            }
            ChangeEvent e = Json.mapper().treeToValue(body, ChangeEvent.class);
            OwnerKey owner = ChangeProcessor.ownerOf(e);
            return new DeadLetter(m.messageId(), owner.id(), receives, states.lastFailure(owner));
        } catch (Exception notAChangeEvent) {
            return new DeadLetter(m.messageId(), "(not a change event)", receives, Optional.empty());
        }
    }

    private void release(java.util.Collection<Message> messages) {
        List<Message> list = new ArrayList<>(messages);
        for (int i = 0; i < list.size(); i += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int j = i; j < Math.min(i + 10, list.size()); j++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(String.valueOf(j))
                        .receiptHandle(list.get(j).receiptHandle()).visibilityTimeout(0).build());
            }
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(deadLetterQueueUrl).entries(entries));
        }
    }
}
