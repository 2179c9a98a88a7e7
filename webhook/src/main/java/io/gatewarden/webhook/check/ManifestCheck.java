package io.gatewarden.webhook.check;

import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.KindRegistry;
import io.gatewarden.model.manifest.ManifestObject;
import io.gatewarden.model.manifest.ManifestProblem;
import io.gatewarden.model.manifest.ParseResult;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.IndexedClusterView;
import io.gatewarden.webhook.policy.Finding;
import io.gatewarden.model.lb.Conventions;
import io.gatewarden.webhook.policy.ObjectRef;
import io.gatewarden.webhook.policy.PolicyEngine;
import io.gatewarden.webhook.policy.Rule;
import io.gatewarden.webhook.policy.Suppressions;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the manifest-level rules and every policy over a parsed manifest set; the set is its own cluster view. */
@Singleton
public class ManifestCheck {

    /** Appended to a missing-reference finding that {@code check} could not settle. */
    static final String ELSEWHERE_NOTE = "not in the checked files; look it up with --context PATH or --kubeconfig "
            + "FILE, or make this an error with --strict-refs";

    private final PolicyEngine engine;

    public ManifestCheck(PolicyEngine engine) {
        this.engine = engine;
    }

    /** The manifest set alone: references to objects outside it are warnings. */
    public CheckResult check(ParseResult parsed) {
        return check(parsed, List.of(), false);
    }

    /**
     * Checks the manifest set against {@code lookups} (objects of a live cluster or of context files), which are
     * looked up but never checked; a manifest object replaces the lookup object of the same kind, namespace and
     * name. When two manifest objects share a name, the later one wins the view (as it would in the cluster) and
     * every copy is checked.
     *
     * @param authoritativeRefs true when a reference absent from manifests and lookups is really absent (with
     *                          {@code --strict-refs}, {@code --context} or {@code --kubeconfig}): such findings
     *                          keep their severity; otherwise they become warnings naming the missing object
     */
    public CheckResult check(ParseResult parsed, List<KubernetesObject> lookups, boolean authoritativeRefs) {
        List<LocatedFinding> out = new ArrayList<>();
        parsed.problems().forEach(p -> out.add(fromProblem(p)));
        Map<String, KubernetesObject> view = new java.util.LinkedHashMap<>();
        lookups.forEach(o -> view.put(key(o.apiVersion(), ObjectRef.of(o)), o));
        Map<String, ManifestObject> seen = new HashMap<>();
        for (ManifestObject o : parsed.objects()) {
            ObjectRef ref = refOf(o);
            String key = key(o.apiVersion(), ref);
            ManifestObject earlier = seen.put(key, o);
            if (earlier != null) {
                out.add(at(o, Finding.of(Rule.MANIFEST_DUPLICATE, ref, FieldError.duplicate(
                        FieldPath.root("metadata").child("name"), o.name(), "the set already defines " + ref + " at "
                                + earlier.source() + ":" + earlier.line() + "; this later one replaces it"))));
            }
            if (KindRegistry.CLUSTER_SCOPED.contains(o.kind()) && o.namespace() != null) {
                out.add(at(o, Finding.of(Rule.MANIFEST_CLUSTER_SCOPED_NAMESPACE, ref, FieldError.invalid(
                        FieldPath.root("metadata").child("namespace"), o.namespace(),
                        o.kind() + " is cluster-scoped: the namespace is ignored, remove it"))));
            }
            if (o.typed() != null) {
                view.put(key, o.typed());
            }
        }
        IndexedClusterView clusterView = IndexedClusterView.of(view.values());
        for (ManifestObject o : parsed.objects()) {
            if (o.typed() == null) {
                continue;
            }
            List<Finding> findings = engine.check(o.typed(), clusterView).stream()
                    .map(f -> authoritativeRefs || f.missing() == null ? f : f.asWarning(ELSEWHERE_NOTE)).toList();
            Suppressions.apply(o.typed(), findings).forEach(f -> out.add(at(o, f)));
        }
        out.sort(Comparator.comparing(LocatedFinding::file).thenComparingInt(LocatedFinding::line));
        return new CheckResult(out, parsed.objects().stream()
                .map(o -> new CheckResult.CheckedObject(refOf(o).toString(), o.source(), o.line())).toList());
    }

    private static String key(String apiVersion, ObjectRef ref) {
        return KindRegistry.group(apiVersion) + "|" + ref;
    }

    private static ObjectRef refOf(ManifestObject o) {
        String ns = KindRegistry.CLUSTER_SCOPED.contains(o.kind()) ? null
                : o.namespace() == null ? Conventions.DEFAULT_NAMESPACE : o.namespace();
        return new ObjectRef(o.apiVersion(), o.kind(), ns, o.name());
    }

    private static LocatedFinding at(ManifestObject o, Finding f) {
        return new LocatedFinding(f, o.source(), o.lines().lineOf(f.field()));
    }

    private static LocatedFinding fromProblem(ManifestProblem p) {
        String ns = p.kind().isEmpty() || KindRegistry.CLUSTER_SCOPED.contains(p.kind()) ? p.namespace()
                : p.namespace() == null ? Conventions.DEFAULT_NAMESPACE : p.namespace();
        ObjectRef ref = new ObjectRef(p.apiVersion(), p.kind(), ns, p.name());
        return new LocatedFinding(Finding.of(Rule.MANIFEST_SYNTAX, ref, p.error()), p.source(), p.line());
    }
}
