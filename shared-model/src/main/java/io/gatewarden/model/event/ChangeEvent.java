package io.gatewarden.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The queue contract between the webhook and the applier function: a hint that one object may have changed.
 *
 * <p>An event carries keys, never the object: it has no authority. The applier reads the object (and everything
 * it builds from) from the Kubernetes API before it allocates, applies or releases anything, so a forged,
 * duplicated, reordered or stale event can only cause a re-read. Keys keep every message a few hundred bytes,
 * far below SQS's 256 KiB, whatever the size of the object.
 *
 * <p>Serialized as JSON (camelCase fields below) into the body of one SQS FIFO message whose
 * MessageGroupId is {@link #messageGroupId()} and whose MessageDeduplicationId is {@code eventId}.
 *
 * @param schemaVersion   contract version, {@value #SCHEMA_VERSION}; consumers reject a higher version. Version 1
 *                        also carried the object; its extra fields are ignored
 * @param eventId         unique id of this event (UUID), also the FIFO deduplication id
 * @param clusterName     the cluster the object lives in
 * @param operation       CREATE, UPDATE or DELETE, as admitted: a hint of what to expect when reading
 * @param group           API group of the object, "" for the core group
 * @param version         API version of the object
 * @param kind            kind of the object
 * @param namespace       namespace, null for cluster-scoped kinds
 * @param name            object name
 * @param uid             metadata.uid when known (empty on CREATE: the API server assigns it after admission)
 * @param resourceVersion metadata.resourceVersion as admitted, when known
 * @param generation      metadata.generation as admitted, null when unknown
 * @param admittedAt      RFC 3339 time of admission, for latency figures only (never for ordering: replicas'
 *                        clocks differ)
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
        String admittedAt) {

    public static final int SCHEMA_VERSION = 2;

    public enum Operation { CREATE, UPDATE, DELETE }

    /** SQS takes a message group id of at most this many characters. */
    public static final int MAX_GROUP_ID = 128;

    /** {@code cluster/kind/namespace/name}: the object, unbounded (a name may have 253 characters). */
    public String objectKey() {
        return clusterName + "/" + kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    /**
     * FIFO message group: the object key, so hints about one object are handled one at a time; a key longer than
     * SQS takes is replaced by {@code sha256-} and its digest, which is as unique.
     */
    public String messageGroupId() {
        String key = objectKey();
        if (key.length() <= MAX_GROUP_ID) {
            return key;
        }
        try {
            return "sha256-" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
