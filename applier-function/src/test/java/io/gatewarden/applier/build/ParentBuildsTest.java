package io.gatewarden.applier.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.cluster.InMemoryCluster;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.dispatch.OutcomeWriter;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.realize.LoadBalancers;
import io.gatewarden.applier.realize.Realizer;
import io.gatewarden.applier.realize.StaticMembers;
import io.gatewarden.applier.status.StatusReporter;
import io.gatewarden.applier.store.GenerationStore;
import io.gatewarden.applier.store.InMemoryTable;
import io.gatewarden.applier.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Build jobs of one parent, coalesced: a burst sends few, a lost one is replaced, none is missed. */
class ParentBuildsTest {

    private final InMemoryTable table = new InMemoryTable();
    private final List<BuildJob> sent = new ArrayList<>();
    private final OwnerKey shard = OwnerKey.shard("c", "seg", 0);
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-03T00:00:00Z"));

    private ParentBuilds builds(GenerationStore generations) {
        InMemoryCluster kube = new InMemoryCluster("c");
        ApplierConfiguration config = new ApplierConfiguration();
        config.setCluster("c");
        PoolResolver pools = new PoolResolver(kube, config);
        Realizer realizer = new Realizer(kube, table.shards(), table.allocations(), pools, new StaticMembers(List.of()),
                LoadBalancers.NONE, table.locks(), table.names());
        return new ParentBuilds(generations, realizer, pools, new OutcomeWriter(table.states(), table.allocations(),
                StatusReporter.NONE), table.allocations(), sent::add, clock);
    }

    private static OwnerKey ingress(int i) {
        return new OwnerKey("c", "Ingress.networking.k8s.io", "web", "i" + i);
    }

    @Test
    void aBurstOfChildren_sendsOneJob_andItsBuildSettlesThemAll() {
        ParentBuilds builds = builds(table.generations());
        for (int i = 0; i < 10; i++) {
            builds.request(shard, ingress(i));
        }
        assertEquals(1, sent.size(), "the first child sends the job; the others only mark the parent dirty");

        assertTrue(builds.build(sent.get(0)));

        GenerationStore.Generation g = table.generations().load(shard);
        assertEquals(10, g.applied(), "the job built the generation the parent had when it ran");
        assertEquals(List.of(), List.copyOf(g.pending()), "every child was settled");
        assertEquals(1, sent.size(), "nothing was left to build");
    }

    @Test
    void childrenMarkingItWhileItBuilds_getTheNextJobFromThatBuild() {
        GenerationStore inner = table.generations();
        boolean[] once = {false};
        GenerationStore childArrivesDuringTheBuild = new GenerationStore() {
            @Override
            public Generation markDirty(OwnerKey parent, OwnerKey child) {
                return inner.markDirty(parent, child);
            }

            @Override
            public void jobSent(OwnerKey parent, long atMillis) {
                inner.jobSent(parent, atMillis);
            }

            @Override
            public Generation load(OwnerKey parent) {
                return inner.load(parent);
            }

            @Override
            public boolean markApplied(OwnerKey parent, long generation, Collection<OwnerKey> settled) {
                if (!once[0]) {
                    once[0] = true;
                    assertEquals(2, inner.markDirty(parent, ingress(99)).dirty(), "a child marks it mid-build");
                }
                return inner.markApplied(parent, generation, settled);
            }
        };
        ParentBuilds builds = builds(childArrivesDuringTheBuild);
        builds.request(shard, ingress(1));
        assertEquals(1, sent.size());

        builds.build(sent.get(0));

        assertEquals(2, sent.size(), "the build saw the parent dirtied again and sent the next job");
        assertEquals(2, sent.get(1).generation());
        assertTrue(builds.build(sent.get(1)));
        assertEquals(List.of(), List.copyOf(table.generations().load(shard).pending()));
    }

    @Test
    void aJobThatNeverRan_isReplacedByTheFirstChildAfterThePatience() {
        ParentBuilds builds = builds(table.generations());
        builds.request(shard, ingress(1)); // its job is lost: never built
        clock.advance(Duration.ofSeconds(10));
        builds.request(shard, ingress(2));
        assertEquals(1, sent.size(), "within the patience the job is taken to be on its way");

        clock.advance(ParentBuilds.JOB_PATIENCE);
        builds.request(shard, ingress(3));

        assertEquals(2, sent.size(), "past it, the next child sends another");
        assertTrue(builds.build(sent.get(1)));
        assertEquals(List.of(), List.copyOf(table.generations().load(shard).pending()), "all three were settled");
    }

    @Test
    void inlineBuilds_areNeverSkipped() {
        ParentBuilds builds = builds(table.generations()).inline();
        builds.request(shard, ingress(1));
        builds.request(shard, ingress(2));
        assertEquals(2, table.generations().load(shard).applied(), "each request built at once");
    }
}
