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

    /** How long a sent build job may take to run before a child sends another (the first may have been lost). */
    static final java.time.Duration JOB_PATIENCE = java.time.Duration.ofSeconds(30);

    private final GenerationStore generations;
    private final java.time.Clock clock;
    private final Realizer realizer;
    private final PoolResolver pools;
    private final OutcomeWriter writer;
    private final AllocationStore allocations;
    private BuildQueue queue;
    private boolean inline;

    /** Builds on the given queue; {@link #inline()} for builds right away (tests, no queue configured). */
    public ParentBuilds(GenerationStore generations, Realizer realizer, PoolResolver pools, OutcomeWriter writer,
            AllocationStore allocations, BuildQueue queue) {
        this(generations, realizer, pools, writer, allocations, queue, java.time.Clock.systemUTC());
    }

    /** With the clock that times {@link #JOB_PATIENCE}. */
    public ParentBuilds(GenerationStore generations, Realizer realizer, PoolResolver pools, OutcomeWriter writer,
            AllocationStore allocations, BuildQueue queue, java.time.Clock clock) {
        this.clock = clock;
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

    /**
     * A child changed (or left): the parent is dirty, and a build job is sent unless one is already on its way.
     * {@code waiting}: show it when done.
     * <p>
     * The first child to dirty a clean parent sends the job; the children after it only mark, because the job reads
     * the dirty generation when it starts, and a build that finds the parent dirtied again while it built sends the
     * next job itself ({@link #build}). A burst of N children thus sends a few jobs, not N. A job that was lost (it
     * failed into the dead-letter queue) is replaced by the first child to come {@link #JOB_PATIENCE} after it was
     * sent; the reconcile re-drives children still waiting. Inline builds are not coalesced: a build that failed
     * there is retried only through its child's message.
     */
    public void request(OwnerKey parent, OwnerKey waiting) {
        request(parent, waiting, false);
    }

    /** @param always send a job whatever was sent before (the reconcile re-drives a child still waiting) */
    public void request(OwnerKey parent, OwnerKey waiting, boolean always) {
        Generation g = generations.markDirty(parent, waiting);
        boolean firstSinceApplied = g.dirty() - g.applied() == 1;
        boolean lastJobOverdue = clock.millis() - g.jobSentAtMillis() > JOB_PATIENCE.toMillis();
        if (always || inline || firstSinceApplied || lastJobOverdue) {
            send(parent, g.dirty());
        }
    }

    /** Sends the build job of {@code generation}, then notes when (a crash in between only costs a duplicate). */
    private void send(OwnerKey parent, long generation) {
        queue.enqueue(BuildJob.of(parent, generation));
        if (!inline) {
            generations.jobSent(parent, clock.millis());
        }
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
        if (!inline) {
            long dirtyNow = generations.load(parent).dirty();
            if (dirtyNow > g.dirty()) {
                send(parent, dirtyNow); // children marked it while this build ran, and sent no job
            }
        }
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
