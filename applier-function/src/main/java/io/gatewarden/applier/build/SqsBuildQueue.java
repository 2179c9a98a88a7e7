package io.gatewarden.applier.build;

import io.gatewarden.model.manifest.Json;
import java.io.UncheckedIOException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends build jobs to the FIFO change queue; a failure propagates, so the child's message is retried. */
public final class SqsBuildQueue implements BuildQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsBuildQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(BuildJob job) {
        String body;
        try {
            body = Json.mapper().writeValueAsString(job);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageGroupId(job.messageGroupId())
                .messageDeduplicationId(job.deduplicationId()));
    }
}
