package io.gatewarden.webhook.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.admission.AdmissionReview;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.ObjectBinding;
import io.gatewarden.webhook.cluster.ClusterView;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns an allowed, non-dry-run admission of a relevant object into a ChangeEvent for the publisher: the object's
 * keys only, a hint for the applier, which reads the object itself from the API server.
 */
@Singleton
public class AdmittedChanges {

    private final ChangePublisher publisher;

    public AdmittedChanges(ChangePublisher publisher) {
        this.publisher = publisher;
    }

    public void admitted(AdmissionReview.Request req, AdmissionReview.Response response, ClusterView view) {
        if (!response.allowed() || req.isDryRun() || !publisher.enabled()) {
            return; // dry-run: no side effect of any kind
        }
        JsonNode subject = req.object() != null && !req.object().isNull() ? req.object() : req.oldObject();
        Optional<KubernetesObject> typed = ObjectBinding.bind(subject);
        if (typed.isEmpty() || !Relevance.relevant(typed.get(), view)) {
            return;
        }
        ChangeEvent.Operation op;
        try {
            op = ChangeEvent.Operation.valueOf(req.operation());
        } catch (IllegalArgumentException | NullPointerException connect) {
            return; // CONNECT carries no object change
        }
        JsonNode meta = subject.path("metadata");
        String name = meta.path("name").asText(req.name());
        publisher.offer(new ChangeEvent(ChangeEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                publisher.clusterName(), op, req.kind() == null ? "" : req.kind().group(),
                req.kind() == null ? "" : req.kind().version(), typed.get().kind(),
                meta.path("namespace").isTextual() ? meta.path("namespace").asText() : req.namespace(), name,
                meta.path("uid").asText(""), meta.path("resourceVersion").asText(""),
                meta.path("generation").isIntegralNumber() ? meta.path("generation").asLong() : null,
                Instant.now().toString()));
    }
}
