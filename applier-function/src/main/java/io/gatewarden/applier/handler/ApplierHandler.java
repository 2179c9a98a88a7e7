package io.gatewarden.applier.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.build.BuildJob;
import io.gatewarden.applier.build.ParentBuilds;
import io.gatewarden.applier.metrics.ApplierMetrics;
import io.gatewarden.applier.metrics.EventRecord;
import io.gatewarden.model.event.ChangeEvent;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.MDC;
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

    /** The MDC key Micronaut's Lambda handler puts the invocation's request id under. */
    static final String REQUEST_ID = "AWSRequestId";

    @Inject
    ChangeProcessor processor;

    @Inject
    ParentBuilds builds;

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
            long started = System.nanoTime();
            try {
                if (isBuildJob(m)) {
                    build(m);
                    continue;
                }
                change = parse(m);
                OwnerKey owner = ChangeProcessor.ownerOf(change);
                EventRecord record = EventRecord.start(owner.id());
                ChangeProcessor.Result result = processor.process(change);
                logEvent(change, record, result.name(), started, null);
                String kind = owner.kind();
                if ("Applied".equals(record.outcome())) {
                    admittedAt(change).ifPresent(at -> ApplierMetrics.current().admissionToApplied(kind,
                            Duration.between(at, Instant.now())));
                }
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
            } finally {
                EventRecord.clear();
            }
        }
        ApplierMetrics.current().flush(MDC.get(REQUEST_ID));
        return new SQSBatchResponse(failures);
    }

    /**
     * One structured line per event (JSON with the launcher's and Lambda's logback configuration): object key,
     * outcome, VIP, shard placement, controller calls, duration and the Lambda request id. Never the object.
     */
    private static void logEvent(ChangeEvent e, EventRecord r, String result, long started, String failure) {
        var line = LOG.atInfo().addKeyValue("object", ChangeProcessor.ownerOf(e).id())
                .addKeyValue("operation", e.operation())
                .addKeyValue("outcome", r.outcome() == null ? result : r.outcome())
                .addKeyValue("controllerCalls", r.controllerCalls())
                .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000);
        if (r.vip() != null) {
            line = line.addKeyValue("vip", r.vip());
        }
        if (r.detail() != null) {
            line = line.addKeyValue("shard", r.detail());
        }
        if (MDC.get(REQUEST_ID) != null) {
            line = line.addKeyValue("requestId", MDC.get(REQUEST_ID));
        }
        if (failure != null) {
            line = line.addKeyValue("failure", failure);
        }
        line.log("change applied");
    }

    private static java.util.Optional<Instant> admittedAt(ChangeEvent e) {
        try {
            return java.util.Optional.of(java.time.OffsetDateTime.parse(e.admittedAt()).toInstant());
        } catch (java.time.format.DateTimeParseException unparsable) {
            return java.util.Optional.empty();
        }
    }

    private static boolean isBuildJob(SQSEvent.SQSMessage m) {
        return m.getBody() != null && m.getBody().startsWith("{") && m.getBody().contains("\"build\"");
    }

    /** A parent's build job: one line per build that ran, none for one a later build had covered. */
    private void build(SQSEvent.SQSMessage m) {
        BuildJob job;
        try {
            job = Json.mapper().readValue(m.getBody(), BuildJob.class);
        } catch (IOException e) {
            throw new MalformedEventException("message " + m.getMessageId() + " is not a build job: "
                    + e.getClass().getSimpleName());
        }
        if (job.build() == null || job.schemaVersion() > BuildJob.SCHEMA_VERSION) {
            throw new MalformedEventException("message " + m.getMessageId() + " is no build job this applier reads");
        }
        long started = System.nanoTime();
        if (builds.build(job)) {
            LOG.atInfo().addKeyValue("parent", job.build()).addKeyValue("generation", job.generation())
                    .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000).log("parent built");
        }
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
