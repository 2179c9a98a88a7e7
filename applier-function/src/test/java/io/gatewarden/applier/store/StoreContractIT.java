package io.gatewarden.applier.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.applier.addresses.VipPool;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.localaws.DynamoDbLocal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One contract, two implementations: every store interface the orchestration tests use in memory
 * ({@link InMemoryTable}) must behave as its DynamoDB implementation does against DynamoDB Local, conditional
 * writes above all: a claim that loses, a settle whose condition fails, an older build that must not overwrite a
 * newer one. Each test works in a cluster of its own, so both run on one table.
 */
class StoreContractIT {

    /** The stores of one implementation. */
    record Stores(String name, StateStore states, AllocationStore allocations, NameStore names,
            GenerationStore generations, LinkStore links, ShardStore shards) {
        @Override
        public String toString() {
            return name;
        }
    }

    static DynamoDbLocal local;
    static DynamoDbClient ddb;
    static final AtomicInteger CLUSTERS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        local = new DynamoDbLocal();
        ddb = local.client(4);
        TableDefinition.createIfMissing(ddb, "contract");
    }

    @AfterAll
    static void stop() throws Exception {
        ddb.close();
        local.close();
    }

    static Stream<Arguments> stores() {
        InMemoryTable t = new InMemoryTable();
        return Stream.of(Arguments.of(new Stores("in memory", t.states(), t.allocations(), t.names(), t.generations(),
                t.links(), t.shards())), Arguments.of(new Stores("DynamoDB", new DynamoStateStore(ddb, "contract"),
                new DynamoAllocationStore(ddb, "contract"), new DynamoNameStore(ddb, "contract"),
                new DynamoGenerationStore(ddb, "contract"), new DynamoLinkStore(ddb, "contract"),
                new DynamoShardStore(ddb, "contract"))));
    }

    private static String cluster() {
        return "k" + CLUSTERS.incrementAndGet();
    }

    private static OwnerKey svc(String cluster, String name) {
        return new OwnerKey(cluster, "Service", "oam", name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aName_isTheFirstClaimantsUntilItGivesItUp(Stores s) {
        String c = cluster();
        String name = "AVI:" + c + "--demo-oam-syslog";
        OwnerKey first = new OwnerKey(c, "Gateway.networking.x-k8s.io", "demo-oam", "syslog");
        OwnerKey second = new OwnerKey(c, "Service", "demo", "oam-syslog");

        assertEquals(Optional.empty(), s.names().claim(name, first));
        assertEquals(Optional.empty(), s.names().claim(name, first), "claiming one's own name again succeeds");
        assertEquals(Optional.of(first), s.names().claim(name, second), "the second is told who holds it");
        s.names().release(name, second);
        assertEquals(Optional.of(first), s.names().claim(name, second), "only the holder gives it up");
        s.names().release(name, first);
        assertEquals(Optional.empty(), s.names().claim(name, second));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anAddress_hasOneOwner_aSecondClaimLoses(Stores s) {
        String c = cluster();
        VipPool pool = VipPool.of("10.77." + CLUSTERS.get() % 250 + ".0/29").orElseThrow();
        String address = pool.addressAt(0);
        OwnerKey a = svc(c, "a");
        OwnerKey b = svc(c, "b");

        assertEquals(ClaimResult.CLAIMED, s.allocations().claim(pool, address, a, false));
        assertEquals(ClaimResult.ADDRESS_TAKEN, s.allocations().claim(pool, address, b, false));
        assertEquals(Optional.of(a), s.allocations().ownerOf(pool, address));
        assertEquals(Optional.of(new Lease(pool.id(), address)), s.allocations().lease(a));
        assertTrue(s.allocations().lease(b).isEmpty(), "the loser holds nothing");

        s.allocations().release(b);
        assertEquals(Optional.of(a), s.allocations().ownerOf(pool, address), "releasing nothing frees nothing");
        s.allocations().release(a);
        assertTrue(s.allocations().ownerOf(pool, address).isEmpty());
        assertEquals(Optional.of(address), s.allocations().anyFree(pool), "a released address goes to the free list");
        assertEquals(ClaimResult.CLAIMED, s.allocations().claim(pool, address, b, true));
        assertTrue(s.allocations().anyFree(pool).isEmpty(), "claimed from the free list: its entry is consumed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void settling_changesOnlyAStateStillInOneOfTheGivenStatuses(Stores s) {
        String c = cluster();
        OwnerKey ingress = new OwnerKey(c, "Ingress.networking.k8s.io", "web", "shop");
        String placement = "{\"shop.example\":{\"shard\":0,\"vip\":\"10.1.0.1\"}}";
        s.states().record(ingress, "Allocated", placement, List.of(OwnerKey.shard(c, "seg", 0)), "uid-1", "d1");

        Optional<ObjectState> settled = s.states().settle(ingress, Set.of("Allocated", "Failed"), "Applied", null);
        assertEquals("Applied", settled.orElseThrow().status());
        assertEquals(placement, settled.get().detail(), "the state as written comes back");
        assertTrue(s.states().settle(ingress, Set.of("Allocated"), "Refused", "400").isEmpty(),
                "no longer Allocated: the condition fails, nothing is written");
        assertEquals("Applied", s.states().load(ingress).orElseThrow().status());
        assertTrue(s.states().settle(new OwnerKey(c, "Ingress.networking.k8s.io", "web", "gone"), Set.of("Allocated"),
                "Applied", null).isEmpty(), "a state that does not exist is not created");
        assertTrue(s.states().load(new OwnerKey(c, "Ingress.networking.k8s.io", "web", "gone")).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aState_keepsWhatCleanUpNeeds_andAnOutcomeKeepsIt(Stores s) {
        String c = cluster();
        OwnerKey member = svc(c, "coredns");
        OwnerKey gw = new OwnerKey(c, "Gateway.networking.x-k8s.io", "oam", "dns");
        s.states().intend(member, List.of(gw), "AVI:" + c + "--oam-coredns");
        s.states().setOutcome(member, "Pending", "no address", null, false);
        s.states().observed(member, "uid-2", "d2");
        s.states().recordFailure(member, "LoadBalancerUnavailableException: 503");

        ObjectState st = s.states().load(member).orElseThrow();
        assertEquals("Pending", st.status());
        assertEquals("no address", st.reason());
        assertEquals(List.of(gw), st.parents());
        assertEquals("AVI:" + c + "--oam-coredns", st.realized());
        assertEquals("uid-2", st.uid());
        assertEquals("d2", st.digest());
        assertTrue(s.states().lastFailure(member).orElseThrow().endsWith("LoadBalancerUnavailableException: 503"));
        assertTrue(st.holdsAnything());

        s.states().setOutcome(member, "Member", null, null, false);
        ObjectState after = s.states().load(member).orElseThrow();
        assertEquals(null, after.reason(), "a settled outcome clears the reason");
        assertEquals(List.of(gw), after.parents(), "the outcome keeps what was written ahead");
        assertEquals(List.of(member), s.states().all(c).stream().map(ObjectState::owner).toList(),
                "all lists this cluster's states only");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anOlderBuild_neverOverwritesANewerOne(Stores s) {
        String c = cluster();
        OwnerKey shard = OwnerKey.shard(c, "seg", 0);
        OwnerKey a = new OwnerKey(c, "Ingress.networking.k8s.io", "web", "a");
        OwnerKey b = new OwnerKey(c, "Ingress.networking.k8s.io", "web", "b");

        assertEquals(1, s.generations().markDirty(shard, a).dirty());
        assertEquals(2, s.generations().markDirty(shard, b).dirty());
        s.generations().jobSent(shard, 1_700_000_000_000L);
        GenerationStore.Generation third = s.generations().markDirty(shard, null);
        assertEquals(3, third.dirty());
        assertEquals(0, third.applied());
        assertEquals(1_700_000_000_000L, third.jobSentAtMillis(), "a mark returns when a job was last sent");
        GenerationStore.Generation g = s.generations().load(shard);
        assertEquals(3, g.dirty());
        assertEquals(0, g.applied());
        assertEquals(Set.of(a, b), g.pending());

        assertTrue(s.generations().markApplied(shard, 3, List.of(a)));
        assertFalse(s.generations().markApplied(shard, 2, List.of(b)), "an older build's record loses");
        assertFalse(s.generations().markApplied(shard, 3, List.of(b)), "so does an equal one");
        GenerationStore.Generation after = s.generations().load(shard);
        assertEquals(3, after.applied());
        assertEquals(Set.of(b), after.pending(), "b still waits: no build that settled it was recorded");
        GenerationStore.Generation fourth = s.generations().markDirty(shard, null);
        assertEquals(4, fourth.dirty());
        assertEquals(3, fourth.applied(), "a mark returns the applied generation as it left it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aHostsFirstPlacementWins_andAMoveNeedsItWhereItWas(Stores s) {
        String c = cluster();
        assertEquals(1, s.shards().placeIfAbsent(c, "seg", "a.example", 1));
        assertEquals(1, s.shards().placeIfAbsent(c, "seg", "a.example", 4), "placed before: it stays");
        assertEquals(Optional.of(1), s.shards().shardOf(c, "seg", "a.example"));
        assertFalse(s.shards().move(c, "seg", "a.example", 2, 3), "not on shard 2");
        assertTrue(s.shards().move(c, "seg", "a.example", 1, 3));
        assertEquals(List.of(new ShardStore.Placement("a.example", 3)), s.shards().placementsOn(c, "seg", 3));
        assertEquals(List.of(), s.shards().placementsOn(c, "seg", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void links_areASet(Stores s) {
        String c = cluster();
        OwnerKey cls = new OwnerKey(c, "GatewayClass", null, "avi");
        OwnerKey gw = new OwnerKey(c, "Gateway.networking.x-k8s.io", "oam", "dns");
        s.links().link(cls, gw);
        s.links().link(cls, gw);
        assertEquals(List.of(gw), s.links().children(cls));
        s.links().unlink(cls, gw);
        assertEquals(List.of(), s.links().children(cls));
    }
}
