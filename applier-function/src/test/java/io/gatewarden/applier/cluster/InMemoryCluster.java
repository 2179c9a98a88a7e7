package io.gatewarden.applier.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.KindRegistry;
import io.gatewarden.model.manifest.ObjectBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ClusterReader} over a map, for orchestration tests that need no API server: objects are stored as the
 * API server stores them (uid and creationTimestamp kept across updates, a new resourceVersion on every write),
 * and label selectors of the {@code key=value,key=value} form are honoured. Reads can be made to fail as an API
 * server answering 503 does ({@link #failReads}).
 */
public final class InMemoryCluster implements ClusterReader {

    private final String cluster;
    private final Map<String, JsonNode> objects = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong(100);
    private final AtomicLong created = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());

    private volatile java.util.function.BooleanSupplier failing = () -> false;

    public InMemoryCluster(String cluster) {
        this.cluster = cluster;
    }

    /** From now on every get and list asks {@code when} whether to fail with a {@link ClusterReadException}. */
    public void failReads(java.util.function.BooleanSupplier when) {
        failing = when;
    }

    private void maybeFail(String what) {
        if (failing.getAsBoolean()) {
            throw new ClusterReadException("the API server answered 503 to " + what + " (injected)");
        }
    }

    /** Creates or updates the object; returns it as stored. */
    public KubernetesObject put(JsonNode object) {
        ObjectNode o = object.deepCopy();
        ObjectNode meta = (ObjectNode) o.path("metadata");
        String key = key(o);
        JsonNode was = objects.get(key);
        meta.put("uid", was == null ? UUID.randomUUID().toString() : was.path("metadata").path("uid").asText());
        meta.put("creationTimestamp", was == null ? Instant.ofEpochSecond(created.incrementAndGet()).toString()
                : was.path("metadata").path("creationTimestamp").asText());
        meta.put("resourceVersion", Long.toString(versions.incrementAndGet()));
        objects.put(key, o);
        return ObjectBinding.bind(o).orElseThrow();
    }

    /** Whether the object is stored: the test's own view, which injected read failures never reach. */
    public boolean contains(JsonNode object) {
        return objects.containsKey(key(object));
    }

    /** Deletes the object; true when it was there. */
    public boolean remove(JsonNode object) {
        return objects.remove(key(object)) != null;
    }

    @Override
    public Optional<KubernetesObject> get(OwnerKey k) {
        maybeFail("get " + k.id());
        return Optional.ofNullable(objects.get(k.kind() + "/" + (k.namespace() == null ? "" : k.namespace()) + "/"
                + k.name())).flatMap(ObjectBinding::bind);
    }

    @Override
    public List<KubernetesObject> list(String kind, String labelSelector) {
        maybeFail("list " + kind);
        List<KubernetesObject> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : objects.entrySet()) {
            if (e.getKey().startsWith(kind + "/") && matches(e.getValue(), labelSelector)) {
                ObjectBinding.bind(e.getValue()).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The owner key's id of an object of this cluster. */
    public OwnerKey owner(JsonNode o) {
        String group = KindRegistry.group(o.path("apiVersion").asText());
        String kind = o.path("kind").asText();
        JsonNode ns = o.path("metadata").path("namespace");
        return new OwnerKey(cluster, group.isEmpty() ? kind : kind + "." + group, ns.isTextual() ? ns.asText() : null,
                o.path("metadata").path("name").asText());
    }

    private String key(JsonNode o) {
        OwnerKey k = owner(o);
        return k.kind() + "/" + (k.namespace() == null ? "" : k.namespace()) + "/" + k.name();
    }

    private static boolean matches(JsonNode o, String selector) {
        if (selector == null || selector.isEmpty()) {
            return true;
        }
        for (String term : selector.split(",")) {
            String[] kv = term.split("=", 2);
            if (!kv[1].equals(o.path("metadata").path("labels").path(kv[0]).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
