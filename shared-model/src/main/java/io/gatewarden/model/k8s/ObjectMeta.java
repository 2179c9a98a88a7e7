package io.gatewarden.model.k8s;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** metav1.ObjectMeta; fields this project never reads stay in {@code extra} so objects round-trip. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectMeta(
        String name,
        String generateName,
        String namespace,
        Map<String, String> labels,
        Map<String, String> annotations,
        String uid,
        String resourceVersion,
        Long generation,
        String creationTimestamp,
        String deletionTimestamp,
        Long deletionGracePeriodSeconds,
        List<String> finalizers,
        List<Map<String, Object>> ownerReferences,
        List<Map<String, Object>> managedFields,
        String selfLink,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public String label(String key) {
        return labels == null ? null : labels.get(key);
    }

    public String annotation(String key) {
        return annotations == null ? null : annotations.get(key);
    }
}
