package io.gatewarden.localaws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ (SQS-compatible) on 127.0.0.1, with FIFO queues and dead-letter queues as SQS has them. */
public final class ElasticMq implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;
    public final SqsClient client;

    /** On a free port. */
    public ElasticMq() {
        this(0);
    }

    /** On {@code port}, 0 for any free one. */
    public ElasticMq(int port) {
        server = (port == 0 ? SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                : SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)).start();
        this.port = server.waitUntilStarted().localAddress().getPort();
        client = SqsClient.builder().endpointOverride(endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String fifoQueue(String name) {
        return client.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false"))).queueUrl();
    }

    /**
     * A FIFO queue {@code name} whose messages move to the FIFO queue {@code deadLetters} after
     * {@code maxReceives} receives, as the Terraform queue module sets it up in AWS.
     *
     * @return the queue's URL
     */
    public String fifoQueueWithDeadLetters(String name, String deadLetters, int maxReceives, Duration visibility) {
        String dlq = fifoQueue(deadLetters);
        String dlqArn = client.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return client.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false",
                QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibility.toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                        + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}"))).queueUrl();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
