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
import io.gatewarden.webhook.policy.Names;
import io.gatewarden.webhook.policy.ObjectRef;
import io.gatewarden.webhook.policy.PolicyEngine;
import io.gatewarden.webhook.policy.Rule;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the manifest-level rules and every policy over a parsed manifest set; the set is its own cluster view. */
@Singleton
public class ManifestCheck {

    private final PolicyEngine engine;

    public ManifestCheck(PolicyEngine engine) {
        this.engine = engine;
    }

    public CheckResult check(ParseResult parsed) {
        return check(parsed, List.of());
    }

    /**
     * Checks the manifest set against a cluster that already holds {@code live}; a manifest object replaces
     * the live object of the same kind, namespace and name. Only manifest objects get findings.
     */
    public CheckResult check(ParseResult parsed, List<KubernetesObject> live) {
        List<LocatedFinding> out = new ArrayList<>();
        parsed.problems().forEach(p -> out.add(fromProblem(p)));
        List<KubernetesObject> typed = new ArrayList<>(live);
        Map<String, ManifestObject> seen = new HashMap<>();
        for (ManifestObject o : parsed.objects()) {
            ObjectRef ref = refOf(o);
            ManifestObject first = seen.putIfAbsent(KindRegistry.group(o.apiVersion()) + "|" + ref, o);
            if (first != null) {
                out.add(at(o, Finding.of(Rule.MANIFEST_DUPLICATE, ref, FieldError.duplicate(
                        FieldPath.root("metadata").child("name"), o.name(), "the set already defines " + ref + " at "
                                + first.source() + ":" + first.line() + "; the later one would replace it"))));
                continue;
            }
            if (KindRegistry.CLUSTER_SCOPED.contains(o.kind()) && o.namespace() != null) {
                out.add(at(o, Finding.of(Rule.MANIFEST_CLUSTER_SCOPED_NAMESPACE, ref, FieldError.invalid(
                        FieldPath.root("metadata").child("namespace"), o.namespace(),
                        o.kind() + " is cluster-scoped: the namespace is ignored, remove it"))));
            }
            if (o.typed() != null) {
                typed.add(o.typed());
            }
        }
        IndexedClusterView view = IndexedClusterView.of(typed);
        for (ManifestObject o : parsed.objects()) {
            if (o.typed() != null && seen.get(KindRegistry.group(o.apiVersion()) + "|" + refOf(o)) == o) {
                engine.check(o.typed(), view).forEach(f -> out.add(at(o, f)));
            }
        }
        out.sort(Comparator.comparing(LocatedFinding::file).thenComparingInt(LocatedFinding::line));
        return new CheckResult(out, parsed.objects().size());
    }

    private static ObjectRef refOf(ManifestObject o) {
        String ns = KindRegistry.CLUSTER_SCOPED.contains(o.kind()) ? null
                : o.namespace() == null ? Names.DEFAULT_NAMESPACE : o.namespace();
        return new ObjectRef(o.apiVersion(), o.kind(), ns, o.name());
    }

    private static LocatedFinding at(ManifestObject o, Finding f) {
        return new LocatedFinding(f, o.source(), o.lines().lineOf(f.field()));
    }

    private static LocatedFinding fromProblem(ManifestProblem p) {
        String ns = p.kind().isEmpty() || KindRegistry.CLUSTER_SCOPED.contains(p.kind()) ? p.namespace()
                : p.namespace() == null ? Names.DEFAULT_NAMESPACE : p.namespace();
        ObjectRef ref = new ObjectRef(p.apiVersion(), p.kind(), ns, p.name());
        return new LocatedFinding(Finding.of(Rule.MANIFEST_SYNTAX, ref, p.error()), p.source(), p.line());
    }
}
