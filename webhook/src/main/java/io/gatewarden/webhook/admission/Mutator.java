package io.gatewarden.webhook.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.avi.AviInfraSetting;
import io.gatewarden.model.k8s.Ingress;
import io.gatewarden.model.k8s.IngressClass;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Namespace;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.validation.FieldError;
import io.gatewarden.model.validation.FieldPath;
import io.gatewarden.webhook.cluster.ClusterView;
import io.gatewarden.webhook.policy.Finding;
import io.gatewarden.model.lb.Conventions;
import io.gatewarden.webhook.policy.ObjectRef;
import io.gatewarden.webhook.policy.Rule;
import io.gatewarden.webhook.policy.ServicePolicy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes a namespace's infrastructure explicit on the object at admission: a LoadBalancer Service gets the
 * {@code aviinfrasetting.ako.vmware.com/name} annotation, an Ingress its {@code ingressClassName}. The source is
 * the Namespace's own {@code aviinfrasetting.ako.vmware.com/name} annotation (AKO's namespace fallback), else the
 * configured segment of its segment label. Explicit values are never overwritten, and nothing that does not
 * exist is injected.
 */
@Singleton
public class Mutator {

    /** The mutated object (or the original when nothing changed) and warnings on what was not injected. */
    public record Result(JsonNode object, List<Finding> warnings) {
    }

    private final MutationConfiguration config;

    public Mutator(MutationConfiguration config) {
        this.config = config;
    }

    public Result mutate(JsonNode original, KubernetesObject typed, ClusterView view) {
        List<Finding> warnings = new ArrayList<>();
        if (!config.isEnabled()) {
            return new Result(original, warnings);
        }
        if (typed instanceof Service svc && svc.isLoadBalancer() && ServicePolicy.belongsToAvi(svc)
                && svc.metadata().annotation(Conventions.INFRA_SETTING_ANNOTATION) == null) {
            Optional<String> setting = infraSettingFor(Conventions.namespaceOf(svc), view);
            if (setting.isPresent()) {
                if (view.find(AviInfraSetting.class, null, setting.get()).isPresent()) {
                    ObjectNode copy = original.deepCopy();
                    ObjectNode meta = copy.withObjectProperty("metadata");
                    meta.withObjectProperty("annotations").put(Conventions.INFRA_SETTING_ANNOTATION, setting.get());
                    return new Result(copy, warnings);
                }
                warnings.add(notInjected(svc, FieldPath.root("metadata").child("annotations")
                        .key(Conventions.INFRA_SETTING_ANNOTATION), "AviInfraSetting", setting.get()));
            }
        }
        if (typed instanceof Ingress ing && (ing.spec() == null || ing.spec().ingressClassName() == null)
                && ing.metadata().annotation("kubernetes.io/ingress.class") == null) {
            Optional<String> cls = ingressClassFor(Conventions.namespaceOf(ing), view);
            if (cls.isPresent()) {
                if (view.find(IngressClass.class, null, cls.get()).isPresent()) {
                    ObjectNode copy = original.deepCopy();
                    copy.withObjectProperty("spec").put("ingressClassName", cls.get());
                    return new Result(copy, warnings);
                }
                warnings.add(notInjected(ing, FieldPath.root("spec").child("ingressClassName"), "IngressClass",
                        cls.get()));
            }
        }
        return new Result(original, warnings);
    }

    private Optional<String> infraSettingFor(String namespace, ClusterView view) {
        Optional<Namespace> ns = view.find(Namespace.class, null, namespace);
        if (ns.isEmpty()) {
            return Optional.empty();
        }
        String annotated = ns.get().metadata().annotation(Conventions.INFRA_SETTING_ANNOTATION);
        if (annotated != null) {
            return Optional.of(annotated);
        }
        return segmentOf(ns.get()).map(config::infraSettingOf);
    }

    private Optional<String> ingressClassFor(String namespace, ClusterView view) {
        Optional<Namespace> ns = view.find(Namespace.class, null, namespace);
        if (ns.isEmpty()) {
            return Optional.empty();
        }
        String annotated = ns.get().metadata().annotation(Conventions.INFRA_SETTING_ANNOTATION);
        if (annotated != null) {
            return view.ingressClassesOf(annotated).stream().findFirst();
        }
        return segmentOf(ns.get()).map(config::ingressClassOf);
    }

    private Optional<String> segmentOf(Namespace ns) {
        return Optional.ofNullable(ns.metadata().label(config.getSegmentLabel()));
    }

    private static Finding notInjected(KubernetesObject o, FieldPath path, String kind, String name) {
        return Finding.of(Rule.MUTATION_NOT_INJECTED, ObjectRef.of(o), FieldError.notFound(path, name,
                "the namespace asks for " + kind + " \"" + name + "\" but it does not exist; nothing injected"));
    }
}
