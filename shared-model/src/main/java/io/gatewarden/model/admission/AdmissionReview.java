package io.gatewarden.model.admission;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** admission.k8s.io/v1 AdmissionReview; objects stay JSON trees so nothing is lost on the way through. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdmissionReview(
        String apiVersion,
        String kind,
        Request request,
        Response response,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    public static final String API_VERSION = "admission.k8s.io/v1";

    public static AdmissionReview answer(Response response) {
        return new AdmissionReview(API_VERSION, "AdmissionReview", null, response, null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(
            String uid,
            GroupVersionKind kind,
            GroupVersionResource resource,
            String subResource,
            GroupVersionKind requestKind,
            GroupVersionResource requestResource,
            String requestSubResource,
            String name,
            String namespace,
            String operation,
            Map<String, Object> userInfo,
            JsonNode object,
            JsonNode oldObject,
            Boolean dryRun,
            JsonNode options,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

        @com.fasterxml.jackson.annotation.JsonIgnore

        public boolean isDryRun() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupVersionKind(String group, String version, String kind) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupVersionResource(String group, String version, String resource) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(
            String uid,
            boolean allowed,
            Status status,
            String patch,
            String patchType,
            Map<String, String> auditAnnotations,
            List<String> warnings) {
    }

    /** metav1.Status as carried in a denied response. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(Integer code, String message, String reason, String status) {
    }
}
