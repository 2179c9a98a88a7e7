package io.gatewarden.applier.handler;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.build.BuildJob;
import io.gatewarden.applier.cluster.InMemoryCluster;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.lbclient.AviClient;
import io.gatewarden.applier.lbclient.AviSettings;
import io.gatewarden.applier.lbclient.Backoff;
import io.gatewarden.applier.lbclient.LoxiLbClient;
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
import io.gatewarden.emulator.LoxiLbEmulator;
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
 * Services, AKO Gateways (services API) and Ingresses on Avi, and Gateway API v1 Gateways with TCPRoutes and
 * UDPRoutes on LoxiLB, in three namespaces whose names collide under AKO's naming ({@link CampaignObjects}),
 * delivered out of order, duplicated and mixed with forged hints. Meanwhile both controllers answer 503 to 20 % of
 * requests and lose the answer of 5 % after carrying them out (a timeout), 5 % of the Kubernetes API's reads and
 * lists fail, the handler is killed before 3 % of its state writes (the message then comes back), and reconciles
 * run on partial lists (a kind missing, a fifth of the objects missing: a list that failed and read as empty).
 * After the faults stop, every pending message is delivered and one reconcile runs; then the table, the
 * controllers and the model must agree ({@link CampaignInvariants}):
 * <ul>
 * <li>every virtual service on Avi and every LoxiLB rule has its name claimed by a live owner whose name it is,
 * on that owner's VIP; every Avi pool is selected by a policy set;</li>
 * <li>every live Service or Gateway is Applied on its own virtual service (rules) and VIP (a Gateway without
 * members or routes has its VIP and nothing on the controller), or Refused because a live other holds the name;
 * every live Ingress is Applied with a route on its shard;</li>
 * <li>every address the table holds belongs to a live owner.</li>
 * </ul>
 * A failure prints the seed and the shortest failing operation list found by removing operations. CI runs a few
 * seeds of 40 operations; {@code -Pfault-campaign} runs 2,000 ({@code gatewarden.campaign.ops},
 * {@code gatewarden.campaign.seeds}).
 */
class FaultCampaignIT {

    static final String CLUSTER = CampaignObjects.CLUSTER;
    static final List<String> NAMESPACES = CampaignObjects.NAMESPACES;
    static final List<String> NAMES = CampaignObjects.NAMES;

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
            reconciles = 0;
            long started = System.nanoTime();
            Optional<String> broken = run(seed, plan);
            System.out.printf("fault campaign seed %d: %d operations, %d deliveries under faults, %d failed and "
                    + "came back, %d reconciles on partial lists, %s in %d ms%n", seed, ops, delivered, redelivered,
                    reconciles, broken.isEmpty() ? "agreement"
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
            String kind = CampaignObjects.kindOf(r.nextInt(28));
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
        try (AviControllerEmulator avi = new AviControllerEmulator(); LoxiLbEmulator loxilb = new LoxiLbEmulator(true)) {
            avi.addNetwork("vip-c");
            InMemoryCluster kube = new InMemoryCluster(CLUSTER);
            ApplierConfiguration config = new ApplierConfiguration();
            config.setTable(table);
            config.setCluster(CLUSTER);
            config.setReadWait(Duration.ZERO);
            config.setDefaultPools(List.of("10.71.0.0/24"));
            config.setClassPools(Map.of("loxilb", List.of(CampaignObjects.LOXILB_POOL)));
            Random chaos = new Random(seed * 31 + plan.size());
            double[] killRate = {0};
            double[] readFailRate = {0};
            Random readChaos = new Random(seed * 17 + plan.size());
            kube.failReads(() -> readFailRate[0] > 0 && readChaos.nextDouble() < readFailRate[0]);
            List<Object> pending = new ArrayList<>();
            UnaryOperator<StateStore> killing = store -> Killing.proxy(store, chaos, killRate);
            ChangeProcessor processor = Processors.wired(ddb, table, config, new LoadBalancers(Optional.of(
                    new AviClient(avi.base(), "admin", "secret", AviSettings.DEFAULTS, FAST)),
                    Optional.of(new LoxiLbClient(loxilb.base(), "admin", "secret", FAST))),
                    new StaticMembers(List.of("127.0.10.1")), StatusReporter.NONE, kube, pending::add, killing);

            for (JsonNode o : CampaignObjects.setting()) { // before the faults: the classes and the setting
                kube.put(o);
                processor.process(Hints.of(CLUSTER, ChangeEvent.Operation.CREATE, o));
            }
            Reconciler reconciler = new Reconciler(new DynamoStateStore(ddb, table), processor, Duration.ZERO,
                    Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1)));
            avi.failRandomly(seed, 0.20, 0.05);
            loxilb.failRandomly(seed + 1, 0.20, 0.05);
            killRate[0] = 0.03;
            readFailRate[0] = 0.05;
            List<ChangeEvent> sent = new ArrayList<>();
            int reconcileEvery = Math.max(20, plan.size() / 8);
            for (int i = 0; i < plan.size(); i++) {
                apply(plan.get(i), kube, pending, sent, chaos);
                deliver(processor, pending, chaos, chaos.nextInt(3));
                if ((i + 1) % reconcileEvery == 0) {
                    readFailRate[0] = 0;
                    List<KubernetesObject> partial = partialList(CampaignObjects.live(kube), chaos);
                    readFailRate[0] = 0.05;
                    reconciles++;
                    reconciler.reconcile(CLUSTER, partial); // one object's failure never stops the run
                }
            }
            avi.failRandomly(seed, 0, 0);
            loxilb.failRandomly(seed + 1, 0, 0);
            killRate[0] = 0;
            readFailRate[0] = 0;
            Optional<String> stuck = drain(processor, pending, chaos);
            if (stuck.isPresent()) {
                return stuck;
            }
            reconciler.reconcile(CLUSTER, CampaignObjects.live(kube));
            stuck = drain(processor, pending, chaos);
            return stuck.isPresent() ? stuck : CampaignInvariants.check(ddb, table, avi, loxilb, kube);
        } finally {
            ddb.deleteTable(b -> b.tableName(table));
        }
    }

    /**
     * The live objects as a list that failed part-way and was read as if complete: one kind missing entirely, and
     * a fifth of the rest. The reconcile must treat a missing object as a hint to re-read, never as deleted.
     */
    static List<KubernetesObject> partialList(List<KubernetesObject> live, Random chaos) {
        String lostKind = live.isEmpty() ? "" : live.get(chaos.nextInt(live.size())).kind();
        return live.stream().filter(o -> !o.kind().equals(lostKind) && chaos.nextInt(5) > 0).toList();
    }

    private static void apply(Op op, InMemoryCluster kube, List<Object> pending, List<ChangeEvent> sent, Random chaos) {
        JsonNode o = CampaignObjects.object(op.kind(), op.namespace(), op.name(), op.variant());
        switch (op.action()) {
            case "apply" -> {
                boolean existed = kube.contains(o);
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
    static int reconciles;

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
}
