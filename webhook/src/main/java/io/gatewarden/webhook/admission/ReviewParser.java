package io.gatewarden.webhook.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.model.admission.AdmissionReview;
import io.gatewarden.model.manifest.Json;
import java.io.IOException;

/** Reads a request body as an admission.k8s.io/v1 AdmissionReview, or says in one line why it is not one. */
final class ReviewParser {

    /** The body is not a usable AdmissionReview: answered with HTTP 400 and this message. */
    static final class BadReviewException extends RuntimeException {
        BadReviewException(String message) {
            super(message);
        }
    }

    private ReviewParser() {
    }

    static AdmissionReview.Request parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadReviewException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadReviewException("unreadable body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadReviewException("not an AdmissionReview: the body must be a JSON object");
        }
        if (!AdmissionReview.API_VERSION.equals(root.path("apiVersion").asText())
                || !"AdmissionReview".equals(root.path("kind").asText())) {
            throw new BadReviewException("not an AdmissionReview: expected apiVersion " + AdmissionReview.API_VERSION
                    + " and kind AdmissionReview, got \"" + root.path("apiVersion").asText() + "\" / \""
                    + root.path("kind").asText() + "\"");
        }
        JsonNode request = root.path("request");
        if (!request.isObject() || !request.path("uid").isTextual() || request.path("uid").asText().isEmpty()) {
            throw new BadReviewException("not an AdmissionReview request: request.uid is missing");
        }
        try {
            return Json.mapper().treeToValue(request, AdmissionReview.Request.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadReviewException("not an AdmissionReview request: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
