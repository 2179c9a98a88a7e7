package io.gatewarden.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import io.gatewarden.model.admission.AdmissionReview;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Namespace;
import io.gatewarden.webhook.cluster.ClusterView;
import io.gatewarden.webhook.cluster.ClusterViewSource;
import io.gatewarden.model.manifest.ObjectBinding;
import io.gatewarden.webhook.policy.Finding;
import io.gatewarden.model.lb.Conventions;
import io.gatewarden.webhook.policy.PolicyEngine;
import io.gatewarden.webhook.policy.Suppressions;
import io.gatewarden.webhook.publish.AdmittedChanges;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admission decisions, independent of HTTP: the same {@link PolicyEngine} {@code check} uses, the UPDATE
 * rules, enforcement modes and mutation. Objects Gatewarden has no rules for, or that belong to another
 * controller, come back allowed and untouched.
 */
@Singleton
public class AdmissionService {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionService.class);
    private static final EnumSet<DiffFlags> PATCH_FLAGS =
            EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION);

    /** A decision plus what the metrics need to know about it. */
    /**
     * What the webhook answered and why. {@code mode} is {@code enforce} or {@code warn} for a judged object, and
     * {@code none} when no rule applied (mutation, kinds without rules, objects of other controllers).
     */
    public record Decision(AdmissionReview.Response response, String kind, List<Finding> findings, String mode) {

        public Decision(AdmissionReview.Response response, String kind, List<Finding> findings) {
            this(response, kind, findings, "none");
        }

    }

    private final PolicyEngine engine;
    private final ClusterViewSource views;
    private final AdmissionConfiguration config;
    private final Mutator mutator;
    private final AdmittedChanges changes;

    public AdmissionService(PolicyEngine engine, ClusterViewSource views, AdmissionConfiguration config,
            Mutator mutator, AdmittedChanges changes) {
        this.engine = engine;
        this.views = views;
        this.config = config;
        this.mutator = mutator;
        this.changes = changes;
    }

    /**
     * The validating decision, and — when allowed and not a dry run — the change handed to the publisher
     * (validation runs last in admission, after every mutation, so what it allows is what gets stored).
     */
    public Decision validateAndPublish(AdmissionReview.Request req) {
        Decision d = validate(req);
        try {
            changes.admitted(req, d.response(), views.view());
        } catch (RuntimeException e) {
            LOG.error("could not hand {} {} to the publisher: {}", d.kind(), req.name(), e.toString());
        }
        if (views.learnsAdmissions() && d.response().allowed() && !req.isDryRun()) { // binding costs: only if used
            views.admitted(ObjectBinding.bind(req.object()).orElse(null),
                    ObjectBinding.bind(req.oldObject()).orElse(null));
        }
        return d;
    }

    public Decision validate(AdmissionReview.Request req) {
        String kind = kindOf(req);
        if ("DELETE".equals(req.operation())) {
            return new Decision(allow(req, List.of()), kind, List.of());
        }
        Optional<KubernetesObject> typed = ObjectBinding.bind(req.object());
        if (typed.isEmpty() || !engine.handles(typed.get().getClass())) {
            return new Decision(allow(req, List.of()), kind, List.of());
        }
        ClusterView view = views.view();
        List<Finding> findings = new ArrayList<>();
        try {
            findings.addAll(engine.check(typed.get(), view));
            if ("UPDATE".equals(req.operation())) {
                ObjectBinding.bind(req.oldObject()).ifPresent(old -> findings.addAll(UpdateRules.check(old, typed.get())));
            }
        } catch (RuntimeException e) {
            // Fail open: a bug in a rule must not block the cluster's API.
            LOG.error("rule evaluation failed for {} {}: {}", kind, req.name(), e.toString());
            return new Decision(allow(req, List.of("gatewarden could not check this object (internal error); "
                    + "it was allowed")), kind, findings);
        }
        List<Finding> judged = Suppressions.apply(typed.get(), findings);
        AdmissionConfiguration.Mode mode = modeFor(typed.get(), view);
        Optional<String> incomplete = views.incompleteReason();
        if (incomplete.isPresent() && config.getUnsyncedView() == AdmissionConfiguration.Mode.WARN) {
            // never deny from a view that may lack what the object refers to: every finding is a warning
            List<String> warnings = new ArrayList<>();
            warnings.add(Warnings.trim("cluster view incomplete, findings are warnings: "
                    + incomplete.get(), config.getMaxWarningLength()));
            judged.forEach(f -> warnings.add(Warnings.of(f, config.getMaxWarningLength())));
            return new Decision(allow(req, warnings), kind, judged, "warn");
        }
        return new Decision(verdict(req, typed.get(), judged, mode), kind, judged, mode.name().toLowerCase());
    }

    public Decision mutate(AdmissionReview.Request req) {
        String kind = kindOf(req);
        if ("DELETE".equals(req.operation()) || req.object() == null) {
            return new Decision(allow(req, List.of()), kind, List.of());
        }
        Optional<KubernetesObject> typed = ObjectBinding.bind(req.object());
        if (typed.isEmpty()) {
            return new Decision(allow(req, List.of()), kind, List.of());
        }
        Mutator.Result result;
        try {
            result = mutator.mutate(req.object(), typed.get(), views.view());
        } catch (RuntimeException e) {
            LOG.error("mutation failed for {} {}: {}", kind, req.name(), e.toString());
            return new Decision(allow(req, List.of()), kind, List.of());
        }
        List<String> warnings = result.warnings().stream().map(f -> Warnings.of(f, config.getMaxWarningLength()))
                .toList();
        JsonNode patch = JsonDiff.asJson(req.object(), result.object(), PATCH_FLAGS);
        if (patch.isEmpty()) {
            return new Decision(allow(req, warnings), kind, result.warnings());
        }
        String encoded = Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8));
        return new Decision(new AdmissionReview.Response(req.uid(), true, null, encoded, "JSONPatch", null,
                warnings.isEmpty() ? null : warnings), kind, result.warnings());
    }

    private AdmissionReview.Response verdict(AdmissionReview.Request req, KubernetesObject obj, List<Finding> findings,
            AdmissionConfiguration.Mode mode) {
        boolean enforce = mode == AdmissionConfiguration.Mode.ENFORCE;
        List<Finding> errors = enforce ? findings.stream().filter(Finding::isError).toList() : List.of();
        List<String> warnings = findings.stream().filter(f -> !enforce || !f.isError())
                .map(f -> Warnings.of(f, config.getMaxWarningLength())).toList();
        if (errors.isEmpty()) {
            return allow(req, warnings);
        }
        String message = obj.kind() + " " + (Conventions.namespaceOf(obj) == null ? "" : Conventions.namespaceOf(obj) + "/")
                + obj.name() + " is refused by gatewarden: " + errors.stream()
                        .map(f -> f.fieldMessage() + " [" + f.rule() + "]").collect(Collectors.joining("; "));
        return new AdmissionReview.Response(req.uid(), false,
                new AdmissionReview.Status(422, message, "Invalid", "Failure"), null, null, null,
                warnings.isEmpty() ? null : warnings);
    }

    private AdmissionConfiguration.Mode modeFor(KubernetesObject obj, ClusterView view) {
        String ns = Conventions.namespaceOf(obj);
        if (ns == null) {
            return config.getMode();
        }
        return view.find(Namespace.class, null, ns)
                .map(n -> n.metadata().label(config.getNamespaceModeLabel()))
                .flatMap(AdmissionService::parseMode)
                .orElse(config.getMode());
    }

    private static Optional<AdmissionConfiguration.Mode> parseMode(String value) {
        return switch (value.toLowerCase()) {
            case "enforce" -> Optional.of(AdmissionConfiguration.Mode.ENFORCE);
            case "warn" -> Optional.of(AdmissionConfiguration.Mode.WARN);
            default -> Optional.empty();
        };
    }

    private static AdmissionReview.Response allow(AdmissionReview.Request req, List<String> warnings) {
        return new AdmissionReview.Response(req.uid(), true, null, null, null, null,
                warnings.isEmpty() ? null : warnings);
    }

    private static String kindOf(AdmissionReview.Request req) {
        return req.kind() == null || req.kind().kind() == null ? "" : req.kind().kind();
    }
}
