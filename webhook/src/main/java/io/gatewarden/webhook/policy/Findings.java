package io.gatewarden.webhook.policy;

import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings of the rules checking one object. */
public final class Findings {

    private final ObjectRef object;
    private final List<Finding> list = new ArrayList<>();

    public Findings(KubernetesObject object) {
        this.object = ObjectRef.of(object);
    }

    public void add(Rule rule, FieldError error) {
        list.add(Finding.of(rule, object, error));
    }

    /** A referenced object is absent: {@code missingObject} names it, e.g. {@code Gateway default/gw}. */
    public void addMissing(Rule rule, FieldError error, String missingObject) {
        list.add(Finding.missing(rule, object, error, missingObject));
    }

    public List<Finding> list() {
        return list;
    }
}
