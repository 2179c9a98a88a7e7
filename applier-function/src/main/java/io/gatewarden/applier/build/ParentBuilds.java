package io.gatewarden.applier.build;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.allocation.PoolResolver;
import io.gatewarden.applier.dispatch.OutcomeWriter;
import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.dispatch.Problems;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.applier.outcome.Shown;
import io.gatewarden.applier.realize.Realizer;
import io.gatewarden.applier.store.AllocationStore;
import io.gatewarden.applier.store.GenerationStore;
import io.gatewarden.applier.store.GenerationStore.Generation;
import io.gatewarden.model.avi.AviInfraSetting;
import java.util.ArrayList;
import java.util.List;

/**
 * One build per Ingress shard or dedicated host, coalesced. A child (an Ingress) that changed marks its parent
 * dirty and queues a build job in the parent's FIFO message group ({@link #request}); a job builds the parent once
 * from the Ingresses the cluster holds now and applies it only if no later build has covered its generation
 * ({@link #build}). A burst of N Ingresses on one shard therefore costs a few builds, not N, and builds of one
 * parent never run at the same time, so they need no lease. The children waiting for it are shown Applied (or
 * Refused, or Failed) with their VIPs once their parent was applied.
 */
public class ParentBuilds {

    /** The statuses of a child that waits for its parent's build. */
    static final java.util.Set<String> WAITING = java.util.Set.of(Realizer.ALLOCATED, "Failed");

    /**
     * Status writes of one build's children run this many at a time: each is one round trip to the API server,
     * and a build that settles hundreds of children would otherwise spend seconds on them one by one.
     */
    static final int STATUS_WRITERS_COUNT = 8;
    private static final java.util.concurrent.ExecutorService STATUS_WRITERS =
            java.util.concurrent.Executors.newFixedThreadPool(STATUS_WRITERS_COUNT, r -> {
                Thread t = new Thread(r, "gatewarden-status-writer");
                t.setDaemon(true);
                return t;
            });

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ParentBuilds.class);

    private final GenerationStore generations;
    private final Realizer realizer;
    private final PoolResolver pools;
    private final OutcomeWriter writer;
    private final AllocationStore allocations;
    private BuildQueue queue;
    private boolean inline;

    /** Builds on the given queue; {@link #inline()} for builds right away (tests, no queue configured). */
    public ParentBuilds(GenerationStore generations, Realizer realizer, PoolResolver pools, OutcomeWriter writer,
            AllocationStore allocations, BuildQueue queue) {
        this.generations = generations;
        this.realizer = realizer;
        this.pools = pools;
        this.writer = writer;
        this.allocations = allocations;
        this.queue = queue;
    }

    /**
     * Builds at once, in the caller's thread, under the virtual service's lease (children of one parent are then
     * not serialized by the queue).
     */
    public ParentBuilds inline() {
        this.queue = this::build;
        this.inline = true;
        return this;
    }

    /** A child changed (or left): the parent is dirty and a build job is queued. {@code waiting}: show it when done. */
    public void request(OwnerKey parent, OwnerKey waiting) {
        queue.enqueue(BuildJob.of(parent, generations.markDirty(parent, waiting)));
    }

    /** Runs one job; false when a later build had covered it already (nothing was read or applied). */
    public boolean build(BuildJob job) {
        OwnerKey parent = job.parent();
        Generation g = generations.load(parent);
        if (g.applied() >= job.generation()) {
            return false;
        }
        long started = System.nanoTime();
        AviInfraSetting setting = pools.settingNamed(parent.cluster(), parent.namespace());
        Outcome children;
        try {
            boolean left = realizer.buildShard(parent, setting, !inline);
            if ("Host".equals(parent.kind()) && !left) {
                allocations.release(parent); // its virtual service was deleted just before: free last
            }
            children = Outcome.realized(realizer.avi() ? Outcome.Status.APPLIED : Outcome.Status.ALLOCATED, null,
                    new Shown.PlacementVips());
        } catch (ApplierException problem) {
            children = Problems.forWaitingChildren(problem).orElseThrow(() -> problem);
        }
        long built = System.nanoTime();
        List<OwnerKey> settled = settle(g, children);
        if (children.retry() != null) {
            throw children.retry(); // the job is retried; the reconcile re-drives what stays Failed
        }
        generations.markApplied(parent, g.dirty(), settled);
        LOG.debug("built {} generation {}: build and apply {} ms, {} children shown {} in {} ms", parent.id(),
                g.dirty(), (built - started) / 1_000_000, settled.size(), children.status().word(),
                (System.nanoTime() - built) / 1_000_000);
        return true;
    }

    /**
     * Shows the waiting children what became of their parent (one conditional write each: only an Ingress still
     * waiting changes), a few at a time; returns them.
     */
    private List<OwnerKey> settle(Generation g, Outcome outcome) {
        List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
        for (OwnerKey child : g.pending()) {
            writes.add(STATUS_WRITERS.submit(() -> writer.settle(child, "networking.k8s.io/v1", "Ingress", WAITING,
                    outcome)));
        }
        for (java.util.concurrent.Future<?> w : writes) {
            try {
                w.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while showing children their outcome");
            } catch (java.util.concurrent.ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException r ? r : new IllegalStateException(failed);
            }
        }
        return List.copyOf(g.pending());
    }
}
