package io.gatewarden.applier.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatewarden.applier.identity.OwnerKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The applier's own queue message: build this load-balancer parent from its children as they are now. It travels
 * on the change queue in the FIFO message group of the parent, so builds of one parent run one at a time while
 * different parents build in parallel; the deduplication id is the parent and generation, so asking twice for the
 * same generation sends one message.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param build         the parent's owner id ({@link OwnerKey#id()})
 * @param generation    the dirty generation that asked for it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildJob(int schemaVersion, String build, long generation) {

    public static final int SCHEMA_VERSION = 1;

    public static BuildJob of(OwnerKey parent, long generation) {
        return new BuildJob(SCHEMA_VERSION, parent.id(), generation);
    }

    public OwnerKey parent() {
        return OwnerKey.parse(build);
    }

    /** The FIFO message group: the parent. SQS takes at most 128 characters, so a long id is hashed. */
    public String messageGroupId() {
        return build.length() <= 128 ? build : "build-" + sha256(build).substring(0, 64);
    }

    public String deduplicationId() {
        return sha256(build + "#" + generation);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
