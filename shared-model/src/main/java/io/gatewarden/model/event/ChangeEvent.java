package io.gatewarden.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The queue contract between the webhook and the applier function: one admitted change of one object.
 *
 * <p>Serialized as JSON (camelCase fields below) into the body of one SQS FIFO message whose
 * MessageGroupId is {@link #messageGroupId()} (per-object order) and whose MessageDeduplicationId is
 * {@code eventId}. Consumers must be idempotent: the same event may arrive twice, and an event whose
 * {@code resourceVersion}/{@code generation} is older than what was applied must change nothing.
 *
 * @param schemaVersion   contract version, {@value #SCHEMA_VERSION}; consumers reject a higher major version
 * @param eventId         unique id of this event (UUID), also the FIFO deduplication id
 * @param clusterName     the cluster the object lives in (one table serves many clusters)
 * @param operation       CREATE, UPDATE or DELETE, as admitted
 * @param group           API group of the object, "" for the core group
 * @param version         API version of the object
 * @param kind            kind of the object
 * @param namespace       namespace, null for cluster-scoped kinds
 * @param name            object name
 * @param uid             metadata.uid (may be empty on CREATE: the API server assigns it after admission)
 * @param resourceVersion metadata.resourceVersion as admitted (may be empty on CREATE)
 * @param generation      metadata.generation as admitted, null when unknown
 * @param admittedAt      RFC 3339 time of admission
 * @param object          the object as admitted; null on DELETE
 * @param oldObject       the previous object on UPDATE and DELETE; null on CREATE
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeEvent(
        int schemaVersion,
        String eventId,
        String clusterName,
        Operation operation,
        String group,
        String version,
        String kind,
        String namespace,
        String name,
        String uid,
        String resourceVersion,
        Long generation,
        String admittedAt,
        JsonNode object,
        JsonNode oldObject) {

    public static final int SCHEMA_VERSION = 1;

    public enum Operation { CREATE, UPDATE, DELETE }

    /** FIFO message group: cluster/kind/namespace/name, so changes of one object stay in order. */
    public String messageGroupId() {
        return clusterName + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }
}
