package io.gatewarden.applier.handler;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.applier.allocation.OwnerKey;
import io.gatewarden.applier.build.BuildJob;
import io.gatewarden.applier.cluster.InMemoryCluster;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.lbclient.AviClient;
import io.gatewarden.applier.lbclient.AviSettings;
import io.gatewarden.applier.lbclient.Backoff;
import io.gatewarden.applier.realize.LoadBalancers;
import io.gatewarden.applier.realize.StaticMembers;
import io.gatewarden.applier.status.StatusReporter;
import io.gatewarden.applier.store.DynamoAllocationStore;
import io.gatewarden.applier.store.DynamoShardStore;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.Keys;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.applier.store.StateStore;
import io.gatewarden.applier.store.TableDefinition;
import io.gatewarden.emulator.AviControllerEmulator;
import io.gatewarden.localaws.DynamoDbLocal;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.k8s.Ingress;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.lb.AkoNames;
import io.gatewarden.model.manifest.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A seeded, model-based fault campaign against the applier: random creates, updates and deletes of LoadBalancer
 * Services, AKO Gateways (services API) and Ingresses in three namespaces whose names collide under AKO's naming ({@code a}/{@code b-c} and
 * {@code a-b}/{@code c} both make {@code a-b-c}), delivered out of order, duplicated and mixed with forged hints,
 * while the Avi emulator answers 503 to 20 % of requests and loses the answer of 5 % after carrying them out, and
 * the handler is killed before 3 % of its state writes (the message then comes back). After the faults stop, every
 * pending message is delivered and one reconcile runs; then the table, the controller and the model must agree:
 * <ul>
 * <li>every virtual service on Avi has its name claimed by a live owner whose AKO name it is, on that owner's VIP;</li>
 * <li>every live Service or Gateway is Applied on its own virtual service and VIP (a Gateway without members has
 * its VIP and no virtual service), or Refused because a live other holds the name; every live Ingress is Applied
 * with a route on its shard;</li>
 * <li>every address the table holds belongs to a live owner, and its address item names that owner.</li>
 * </ul>
 * A failure prints the seed and the shortest failing operation list found by removing operations. CI runs a few
 * seeds of 40 operations; {@code -Pfault-campaign} runs 2,000 ({@code gatewarden.campaign.ops},
 * {@code gatewarden.campaign.seeds}).
 */
class FaultCampaignIT {

    static final String CLUSTER = "camp";
    static final List<String> NAMESPACES = List.of("a", "a-b", "b");
    static final List<String> NAMES = List.of("b-c", "c", "web");
    static final List<String> HOSTS = List.of("h1.example", "h2.example", "h3.example", "h4.example");
    static final Backoff FAST = new Backoff(2, Duration.ofMillis(1), Duration.ofMillis(5));

    static DynamoDbLocal local;
    static DynamoDbClient ddb;
    static int tables;

    /** One operation of the model: an object changed (or a hint forged, or one delivered twice). */
    record Op(String action, String kind, String namespace, String name, int variant) {
        @Override
        public String toString() {
            return action + " " + kind + " " + namespace + "/" + name + (variant >= 0 ? " #" + variant : "");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        local = new DynamoDbLocal();
        ddb = local.client(4);
    }

    @AfterAll
    static void stop() throws Exception {
        ddb.close();
        local.close();
    }

    @Test
    void randomChangesUnderFaults_endWithTableControllerAndClusterInAgreement() throws Exception {
        int ops = Integer.getInteger("gatewarden.campaign.ops", 40);
        for (String s : System.getProperty("gatewarden.campaign.seeds", "11,23,42").split(",")) {
            long seed = Long.parseLong(s.trim());
            List<Op> plan = plan(seed, ops);
            delivered = 0;
            redelivered = 0;
            long started = System.nanoTime();
            Optional<String> broken = run(seed, plan);
            System.out.printf("fault campaign seed %d: %d operations, %d deliveries under faults, %d failed and "
                    + "came back, %s in %d ms%n", seed, ops, delivered, redelivered, broken.isEmpty() ? "agreement"
                    : "BROKEN", (System.nanoTime() - started) / 1_000_000);
            if (broken.isPresent()) {
                List<Op> shortest = shrink(seed, plan);
                fail("seed " + seed + ": " + broken.get() + "\nshortest failing operation list (" + shortest.size()
                        + "):\n  " + String.join("\n  ", shortest.stream().map(Op::toString).toList())
                        + "\nfails with: " + run(seed, shortest).orElse("(passes alone: the failure needs the rest)"));
            }
        }
    }

    /** The operations a seed makes. */
    static List<Op> plan(long seed, int count) {
        Random r = new Random(seed);
        List<Op> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int k = r.nextInt(20);
            String kind = k < 9 ? "Service" : k < 15 ? "Ingress" : "Gateway";
            String ns = NAMESPACES.get(r.nextInt(NAMESPACES.size()));
            String name = NAMES.get(r.nextInt(NAMES.size()));
            int roll = r.nextInt(100);
            String action = roll < 8 ? "forge" : roll < 16 ? "duplicate" : roll < 60 ? "apply" : "delete";
            out.add(new Op(action, kind, ns, name, r.nextInt(3)));
        }
        return out;
    }

    /** Runs a plan on a fresh table and controller; the broken invariant, if any. */
    Optional<String> run(long seed, List<Op> plan) throws Exception {
        String table = "campaign-" + (++tables);
        TableDefinition.createIfMissing(ddb, table);
        try (AviControllerEmulator avi = new AviControllerEmulator()) {
            avi.addNetwork("vip-c");
            InMemoryCluster kube = new InMemoryCluster(CLUSTER);
            ApplierConfiguration config = new ApplierConfiguration();
            config.setTable(table);
            config.setCluster(CLUSTER);
            config.setReadWait(Duration.ZERO);
            config.setDefaultPools(List.of("10.71.0.0/24"));
            Random chaos = new Random(seed * 31 + plan.size());
            double[] killRate = {0};
            List<Object> pending = new ArrayList<>();
            UnaryOperator<StateStore> killing = store -> Killing.proxy(store, chaos, killRate);
            ChangeProcessor processor = Processors.wired(ddb, table, config, new LoadBalancers(Optional.of(
                    new AviClient(avi.base(), "admin", "secret", AviSettings.DEFAULTS, FAST)), Optional.empty()),
                    new StaticMembers(List.of("127.0.10.1")), StatusReporter.NONE, kube, pending::add, killing);

            for (JsonNode o : setting()) { // before the faults: the class and setting every Ingress uses
                kube.put(o);
                processor.process(Hints.of(CLUSTER, ChangeEvent.Operation.CREATE, o));
            }
            avi.failRandomly(seed, 0.20, 0.05);
            killRate[0] = 0.03;
            List<ChangeEvent> sent = new ArrayList<>();
            for (Op op : plan) {
                apply(op, kube, pending, sent, chaos);
                deliver(processor, pending, chaos, chaos.nextInt(3));
            }
            avi.failRandomly(seed, 0, 0);
            killRate[0] = 0;
            Optional<String> stuck = drain(processor, pending, chaos);
            if (stuck.isPresent()) {
                return stuck;
            }
            List<KubernetesObject> live = new ArrayList<>(kube.list("Service", null));
            live.addAll(kube.list("Ingress.networking.k8s.io", null));
            live.addAll(kube.list("IngressClass.networking.k8s.io", null));
            live.addAll(kube.list("AviInfraSetting.ako.vmware.com", null));
            live.addAll(kube.list("Gateway.networking.x-k8s.io", null));
            live.addAll(kube.list("GatewayClass.networking.x-k8s.io", null));
            new Reconciler(new DynamoStateStore(ddb, table), processor, Duration.ZERO,
                    Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1))).reconcile(CLUSTER, live);
            stuck = drain(processor, pending, chaos);
            return stuck.isPresent() ? stuck : Invariants.check(ddb, table, avi, kube);
        } finally {
            ddb.deleteTable(b -> b.tableName(table));
        }
    }

    private static void apply(Op op, InMemoryCluster kube, List<Object> pending, List<ChangeEvent> sent, Random chaos) {
        JsonNode o = object(op);
        switch (op.action()) {
            case "apply" -> {
                boolean existed = kube.get(kube.owner(o)).isPresent();
                kube.put(o);
                sent.add(Hints.of(CLUSTER, existed ? ChangeEvent.Operation.UPDATE : ChangeEvent.Operation.CREATE, o));
            }
            case "delete" -> {
                if (!kube.remove(o)) {
                    return; // nothing to delete, nothing admitted
                }
                sent.add(Hints.of(CLUSTER, ChangeEvent.Operation.DELETE, o));
            }
            case "forge" -> sent.add(Hints.of(CLUSTER, ChangeEvent.Operation.values()[op.variant()], o));
            default -> { // duplicate: an earlier message delivered again
                if (!sent.isEmpty()) {
                    pending.add(sent.get(chaos.nextInt(sent.size())));
                }
                return;
            }
        }
        pending.add(sent.get(sent.size() - 1));
    }

    /** Delivers {@code n} pending messages in random order (different message groups overtake each other). */
    private static void deliver(ChangeProcessor processor, List<Object> pending, Random chaos, int n) {
        for (int i = 0; i < n && !pending.isEmpty(); i++) {
            Object m = pending.remove(chaos.nextInt(pending.size()));
            delivered++;
            try {
                handle(processor, m);
            } catch (RuntimeException failed) {
                redelivered++;
                pending.add(m); // not deleted from the queue: it comes back after the visibility timeout
            }
        }
    }

    /** Figures of the last runs, printed: proof that faults happened. */
    static int delivered;
    static int redelivered;

    /** Everything pending, faults off; a message that still fails is a stuck one. */
    private static Optional<String> drain(ChangeProcessor processor, List<Object> pending, Random chaos) {
        Map<Object, Integer> attempts = new HashMap<>();
        while (!pending.isEmpty()) {
            Object m = pending.remove(chaos.nextInt(pending.size()));
            try {
                handle(processor, m);
            } catch (RuntimeException failed) {
                if (attempts.merge(m, 1, Integer::sum) > 5) {
                    return Optional.of("message " + m + " keeps failing without faults: " + failed + " at "
                            + java.util.Arrays.stream(failed.getStackTrace()).limit(4).map(Object::toString).toList());
                }
                pending.add(m);
            }
        }
        return Optional.empty();
    }

    private static void handle(ChangeProcessor processor, Object m) {
        if (m instanceof BuildJob job) {
            processor.builds().build(job);
        } else {
            processor.process((ChangeEvent) m);
        }
    }

    /** Removes operations while the run still fails, halving the chunk each round; bounded in attempts. */
    List<Op> shrink(long seed, List<Op> failing) throws Exception {
        List<Op> current = new ArrayList<>(failing);
        int attempts = 0;
        for (int chunk = Math.max(1, current.size() / 2); chunk >= 1 && attempts < 60; chunk /= 2) {
            for (int start = 0; start < current.size() && attempts < 60; ) {
                List<Op> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                attempts++;
                if (!candidate.isEmpty() && run(seed, candidate).isPresent()) {
                    current = candidate;
                } else {
                    start += chunk;
                }
            }
        }
        return current;
    }

    static List<JsonNode> setting() throws Exception {
        return List.of(Json.mapper().readTree("""
                {"apiVersion":"ako.vmware.com/v1beta1","kind":"AviInfraSetting","metadata":{"name":"seg"},
                 "spec":{"network":{"vipNetworks":[{"networkName":"vip-c","cidr":"10.70.0.0/24"}]},
                 "l7Settings":{"shardSize":"SMALL"}}}"""), Json.mapper().readTree("""
                {"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"avi"},
                 "spec":{"controller":"ako.vmware.com/avi-lb","parameters":{"apiGroup":"ako.vmware.com",
                 "kind":"AviInfraSetting","name":"seg"}}}"""), Json.mapper().readTree("""
                {"apiVersion":"networking.x-k8s.io/v1alpha1","kind":"GatewayClass","metadata":{"name":"avi"},
                 "spec":{"controller":"ako.vmware.com/avi-lb","parametersRef":{"group":"ako.vmware.com",
                 "kind":"AviInfraSetting","name":"seg"}}}"""));
    }

    /** The object an operation writes: a variant picks the Service's port or the Ingress's host. */
    static JsonNode object(Op op) {
        try {
            if ("Gateway".equals(op.kind())) { // AKO's services API: its L4 name competes with the Services'
                return Json.mapper().readTree("""
                        {"apiVersion":"networking.x-k8s.io/v1alpha1","kind":"Gateway",
                         "metadata":{"name":"%1$s","namespace":"%2$s"},"spec":{"gatewayClassName":"avi",
                         "listeners":[{"protocol":"TCP","port":%3$d,"routes":{"selector":{"matchLabels":
                         {"ako.vmware.com/gateway-name":"%1$s","ako.vmware.com/gateway-namespace":"%2$s"}},
                         "group":"v1","kind":"Service"}}]}}""".formatted(op.name(), op.namespace(), 53 + op.variant()));
            }
            if ("Service".equals(op.kind())) {
                return Json.mapper().readTree("""
                        {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s","namespace":"%s"},
                         "spec":{"type":"LoadBalancer","ports":[{"protocol":"TCP","port":%d}]}}"""
                        .formatted(op.name(), op.namespace(), 8080 + op.variant()));
            }
            return Json.mapper().readTree("""
                    {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"%s","namespace":"%s"},
                     "spec":{"ingressClassName":"avi","rules":[{"host":"%s","http":{"paths":[{"path":"/",
                     "pathType":"Prefix","backend":{"service":{"name":"app","port":{"number":80}}}}]}}]}}"""
                    .formatted(op.name(), op.namespace(), HOSTS.get((op.variant() + op.name().length()) % HOSTS.size())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A state store whose writes are cut short at random: the handler killed between two writes. */
    static final class Killing {

        static final class Killed extends RuntimeException {
            Killed(String where) {
                super("handler killed before " + where);
            }
        }

        static StateStore proxy(StateStore store, Random chaos, double[] rate) {
            return (StateStore) java.lang.reflect.Proxy.newProxyInstance(StateStore.class.getClassLoader(),
                    new Class<?>[] {StateStore.class}, (self, method, args) -> {
                        boolean write = !method.getName().equals("load") && !method.getName().equals("all")
                                && !method.getName().equals("lastFailure") && !method.getName().startsWith("to")
                                && !method.getName().equals("hashCode") && !method.getName().equals("equals");
                        if (write && chaos.nextDouble() < rate[0]) {
                            throw new Killed(method.getName());
                        }
                        try {
                            return method.invoke(store, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    /** What must hold after quiescence. */
    static final class Invariants {

        static Optional<String> check(DynamoDbClient ddb, String table, AviControllerEmulator avi, InMemoryCluster kube) {
            DynamoStateStore states = new DynamoStateStore(ddb, table);
            DynamoAllocationStore allocations = new DynamoAllocationStore(ddb, table);
            Map<String, String> vsVips = new HashMap<>();
            for (JsonNode v : avi.objects("vsvip")) {
                vsVips.put(v.path("name").asText(), v.path("vip").path(0).path("ip_address").path("addr").asText());
            }
            List<String> problems = new ArrayList<>();
            for (JsonNode vs : avi.objects("virtualservice")) {
                String name = vs.path("name").asText();
                Optional<OwnerKey> owner = nameOwner(ddb, table, "AVI:" + name);
                if (owner.isEmpty()) {
                    problems.add("virtual service " + name + " has no owner in the table");
                    continue;
                }
                OwnerKey o = owner.get();
                boolean shard = "Shard".equals(o.kind());
                if (!shard && !AkoNames.l4(CLUSTER, o.namespace(), o.name()).equals(name)) {
                    problems.add("virtual service " + name + " is held by " + o.id() + ", whose name it is not");
                }
                if (!shard && kube.get(o).filter(k -> !(k instanceof Service s) || s.isLoadBalancer()).isEmpty()) {
                    problems.add("virtual service " + name + " outlived its owner " + o.id());
                }
                String leased = allocations.lease(o).map(l -> l.address()).orElse(null);
                if (!java.util.Objects.equals(leased, vsVips.get(name))) {
                    problems.add("virtual service " + name + " is on " + vsVips.get(name) + ", the table gives "
                            + o.id() + " " + leased);
                }
            }
            List<KubernetesObject> l4 = new ArrayList<>(kube.list("Service", null));
            l4.addAll(kube.list("Gateway.networking.x-k8s.io", null));
            for (KubernetesObject svc : l4) {
                OwnerKey key = new OwnerKey(CLUSTER, svc instanceof Service ? "Service" : "Gateway.networking.x-k8s.io",
                        svc.namespace(), svc.name());
                ObjectState s = states.load(key).orElse(null);
                String name = AkoNames.l4(CLUSTER, svc.namespace(), svc.name());
                if (s == null) {
                    problems.add("live " + key.id() + " has no state");
                } else if ("Applied".equals(s.status()) || "Allocated".equals(s.status())) {
                    // a Gateway without member Services has no virtual service: its VIP is only the table's
                    boolean servedOnAvi = vsVips.containsKey(name) || svc instanceof Service;
                    if (servedOnAvi ? !java.util.Objects.equals(s.vip(), vsVips.get(name)) : s.vip() == null) {
                        problems.add("live " + key.id() + " is Applied on " + s.vip() + ", Avi has " + vsVips.get(name));
                    }
                } else if ("Refused".equals(s.status())) {
                    Optional<OwnerKey> holder = nameOwner(ddb, table, "AVI:" + name);
                    if (holder.isEmpty() || holder.get().equals(key) || kube.get(holder.get()).isEmpty()) {
                        problems.add("live " + key.id() + " is Refused (" + s.reason() + ") but the name's holder is "
                                + holder.map(OwnerKey::id).orElse("nobody") + ", not a live other object");
                    }
                } else {
                    problems.add("live " + key.id() + " ended " + s.status() + ": " + s.reason());
                }
            }
            Map<String, Integer> placed = new HashMap<>();
            new DynamoShardStore(ddb, table).placements(CLUSTER, "seg").forEach(p -> placed.put(p.host(), p.shard()));
            List<String> routes = new ArrayList<>();
            avi.objects("httppolicyset").forEach(p -> p.path("http_request_policy").path("rules").forEach(r ->
                    routes.add(p.path("name").asText() + " " + r.path("match").path("host_hdr").path("value").path(0)
                            .asText())));
            for (KubernetesObject o : kube.list("Ingress.networking.k8s.io", null)) {
                Ingress ing = (Ingress) o;
                OwnerKey key = new OwnerKey(CLUSTER, "Ingress.networking.k8s.io", ing.namespace(), ing.name());
                ObjectState s = states.load(key).orElse(null);
                if (s == null || !"Applied".equals(s.status())) {
                    problems.add("live " + key.id() + " ended " + (s == null ? "without state" : s.status()));
                    continue;
                }
                for (Ingress.Rule rule : ing.rules()) {
                    String shardVs = AkoNames.l4(CLUSTER, "seg", "Shared-L7-" + placed.get(rule.host()));
                    if (!routes.contains(shardVs + " " + rule.host())) {
                        problems.add("live " + key.id() + ": no route for " + rule.host() + " on " + shardVs);
                    }
                }
            }
            for (ObjectState s : states.all(CLUSTER)) {
                if (s.vip() == null || "Shard".equals(s.owner().kind())) {
                    continue; // a shard's VIP belongs to its infra setting and stays
                }
                if (kube.get(s.owner()).isEmpty()) {
                    problems.add("address " + s.vip() + " still held by " + s.owner().id() + ", which is gone");
                }
            }
            return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
        }

        static Optional<OwnerKey> nameOwner(DynamoDbClient ddb, String table, String lbAndName) {
            var item = ddb.getItem(b -> b.tableName(table).key(Keys.name(lbAndName)).consistentRead(true)).item();
            return item.containsKey("owner") ? Optional.of(OwnerKey.parse(item.get("owner").s())) : Optional.empty();
        }
    }
}
