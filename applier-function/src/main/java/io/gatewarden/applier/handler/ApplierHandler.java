package io.gatewarden.applier.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.manifest.Json;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applier Lambda: an SQS FIFO batch with ReportBatchItemFailures. Each message is handled on its own; a
 * failure reports only its message, and within one message group everything after the first failure is
 * reported failed too (unprocessed), so per-object order survives the retry.
 */
public class ApplierHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ApplierHandler.class);

    @Inject
    ChangeProcessor processor;

    /** Used by the Lambda runtime. */
    public ApplierHandler() {
        super();
    }

    /** Runs on an already started context (tests, the local stack's poller). */
    public ApplierHandler(io.micronaut.context.ApplicationContext context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> failedGroups = new HashSet<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            String group = m.getAttributes() == null ? null : m.getAttributes().get("MessageGroupId");
            if (group != null && failedGroups.contains(group)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                continue;
            }
            ChangeEvent change = null;
            try {
                change = parse(m);
                processor.process(change);
            } catch (RuntimeException e) {
                if (change != null) {
                    processor.recordFailure(change, e); // what `gatewarden dlq list` shows if it ends there
                }
                // Never the body: it may carry whole objects.
                LOG.warn("message {} (group {}) failed: {}", m.getMessageId(), group, e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                if (group != null) {
                    failedGroups.add(group);
                }
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static ChangeEvent parse(SQSEvent.SQSMessage m) {
        try {
            ChangeEvent e = Json.mapper().readValue(m.getBody(), ChangeEvent.class);
            if (e.eventId() == null || e.clusterName() == null || e.operation() == null || e.kind() == null
                    || e.name() == null || e.admittedAt() == null) {
                throw new MalformedEventException("message " + m.getMessageId() + " lacks ChangeEvent fields");
            }
            return e;
        } catch (IOException e) {
            throw new MalformedEventException("message " + m.getMessageId() + " is not a ChangeEvent: "
                    + e.getClass().getSimpleName());
        }
    }
}
