package io.gatewarden.applier.handler;

import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.allocation.PoolsUnresolvedException;
import io.gatewarden.applier.build.ParentBuilds;
import io.gatewarden.applier.cluster.ClusterReader;
import io.gatewarden.applier.cluster.ObjectDigest;
import io.gatewarden.applier.config.ApplierConfiguration;
import io.gatewarden.applier.dispatch.OutcomeWriter;
import io.gatewarden.applier.dispatch.Problems;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.kinds.KindHandler;
import io.gatewarden.applier.kinds.KindHandlers;
import io.gatewarden.applier.outcome.Change;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.applier.realize.Realizer;
import io.gatewarden.applier.store.LinkStore;
import io.gatewarden.applier.store.ObjectState;
import io.gatewarden.applier.store.StateStore;
import io.gatewarden.model.event.ChangeEvent;
import io.gatewarden.model.k8s.KubernetesObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The dispatcher of child events: handles one {@link ChangeEvent}, which is a hint only. The object is read from
 * the Kubernetes API, and what the API holds is what counts. An object the API has (and that is not being deleted)
 * goes to its kind's handler ({@link KindHandlers}), which allocates, realizes and returns an {@link Outcome};
 * problems become outcomes in {@link Problems}; {@link OutcomeWriter} writes them. Around that, this class does the
 * bookkeeping every kind shares: the parents and load-balancer object written ahead, the parents rebuilt after, the
 * content handled recorded last. An object the API does not have loses what it had: its load-balancer object (by
 * the exact name recorded before it was applied), then its parents are rebuilt without it, then its VIP is freed.
 * A hint about a version already handled to a settled outcome changes nothing, so a forged, duplicated or stale
 * event can only cause a re-read. Infrastructure errors (DynamoDB) propagate so the message is retried.
 */
public class ChangeProcessor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ChangeProcessor.class);

    /** What happened to an event. */
    public enum Result { APPLIED, PENDING, SKIPPED }

    private final StateStore states;
    private final KindHandlers kinds;
    private final OutcomeWriter writer;
    private final ApplierConfiguration config;
    private final LinkStore links;
    private final Realizer realizer;
    private final ClusterReader kube;
    private final ParentBuilds builds;

    /** Outcomes after which the same resourceVersion needs nothing more. */
    static final Set<String> SETTLED = Set.of(Outcome.Status.APPLIED.word(), Outcome.Status.ALLOCATED.word(),
            Outcome.Status.MEMBER.word(), Outcome.Status.RECORDED.word());
    /** The first re-read comes soon (the API server usually stores within milliseconds), later ones back off. */
    static final Duration FIRST_READ_POLL = Duration.ofMillis(10);
    static final Duration MAX_READ_POLL = Duration.ofMillis(200);

    public ChangeProcessor(StateStore states, KindHandlers kinds, OutcomeWriter writer, ApplierConfiguration config,
            LinkStore links, Realizer realizer, ClusterReader kube, ParentBuilds builds) {
        this.kube = kube;
        this.builds = builds;
        this.states = states;
        this.kinds = kinds;
        this.writer = writer;
        this.config = config;
        this.links = links;
        this.realizer = realizer;
    }

    /** The coalesced builds of Ingress shards and dedicated hosts this processor requests. */
    public ParentBuilds builds() {
        return builds;
    }

    /** For the reconcile: see {@link KindHandler#drifted}. */
    public boolean drifted(OwnerKey owner, KubernetesObject o, String vip) {
        return kinds.of(o).drifted(owner, o, vip);
    }

    /** The owner key of an event's object: kind qualified by group, so v1alpha1 and v1 Gateways never mix. */
    public static OwnerKey ownerOf(ChangeEvent e) {
        String kind = e.group() == null || e.group().isEmpty() ? e.kind() : e.kind() + "." + e.group();
        return new OwnerKey(e.clusterName(), kind, e.namespace(), e.name());
    }

    /** Notes on the object's state why its message failed; never throws (the failure itself is what counts). */
    public void recordFailure(ChangeEvent e, RuntimeException problem) {
        try {
            states.recordFailure(ownerOf(e), problem.getClass().getSimpleName() + ": " + problem.getMessage());
        } catch (RuntimeException cannotRecord) {
            LOG.warn("could not record the failure of {}: {}", ownerOf(e).id(), cannotRecord.getMessage());
        }
    }

    public Result process(ChangeEvent e) {
        return process(e, false);
    }

    /**
     * @param rebuild build the object even when this content was handled (the reconcile found its load
     *                balancer drifted: members moved, or the object was removed there by hand)
     */
    public Result process(ChangeEvent e, boolean rebuild) {
        if (e.schemaVersion() > ChangeEvent.SCHEMA_VERSION) {
            throw new MalformedEventException("event " + e.eventId() + " has schema version " + e.schemaVersion()
                    + "; this applier reads up to " + ChangeEvent.SCHEMA_VERSION);
        }
        if (!config.getCluster().equals(e.clusterName())) {
            throw new MalformedEventException("event " + e.eventId() + " is for cluster " + e.clusterName()
                    + "; this applier serves cluster " + config.getCluster() + " (gatewarden.applier.cluster)");
        }
        OwnerKey owner = ownerOf(e);
        Optional<KubernetesObject> live = read(owner, e);
        Optional<ObjectState> before = states.load(owner);
        if (live.isEmpty()) {
            if (before.isEmpty() || "Deleted".equals(before.get().status()) && !before.get().holdsAnything()) {
                return Result.SKIPPED; // nothing of it exists here: a forged or stale hint
            }
            gone(owner, before.get());
            states.observed(owner, null, null);
            return Result.APPLIED;
        }
        KubernetesObject o = live.get();
        String digest = ObjectDigest.of(o);
        // An Ingress still waiting for its build when a hint about it comes (its own message redelivered after a crash
        // between marking its shard dirty and sending the job, or the reconcile) sends the job whatever was sent before.
        boolean waiting = before.isPresent() && before.get().status() != null && waitsForItsBuild(o, before.get());
        // A null status: cut short after the write-ahead, so handled again.
        if (!rebuild && !waiting && before.isPresent() && before.get().status() != null
                && SETTLED.contains(before.get().status())
                && Objects.equals(before.get().uid(), o.metadata().uid())
                && Objects.equals(before.get().digest(), digest)) {
            return Result.SKIPPED; // this content was handled: a duplicate or forged hint, or our own status write
        }
        return handle(new Change(owner, o, before, digest), rebuild || waiting);
    }

    /**
     * An Ingress shown {@code Allocated} while a controller is configured has asked for its shard's build and waits
     * for it; a hint about it asks again (a cheap, coalesced request), so one cut short between recording its
     * placement and asking for the build is never left waiting.
     */
    boolean waitsForItsBuild(KubernetesObject o, ObjectState s) {
        return kinds.of(o).settledByParentBuilds() && Realizer.ALLOCATED.equals(s.status()) && realizer.avi();
    }

    /**
     * The object as the API has it, absent when it has not or the object is being deleted. When the hint expects
     * otherwise, the API is asked again for up to {@code read-wait}; then its answer stands. Expected: after a CREATE
     * the object (the webhook publishes before the API server stores it); after an UPDATE a version other than the
     * one the update was made on (the event carries that one); after a DELETE no object.
     */
    private Optional<KubernetesObject> read(OwnerKey owner, ChangeEvent e) {
        ChangeEvent.Operation hint = e.operation();
        String updatedFrom = hint == ChangeEvent.Operation.UPDATE && e.resourceVersion() != null
                && !e.resourceVersion().isEmpty() ? e.resourceVersion() : null;
        long deadline = System.nanoTime() + config.getReadWait().toNanos();
        long pause = FIRST_READ_POLL.toMillis();
        while (true) {
            Optional<KubernetesObject> o = kube.get(owner).filter(x -> x.metadata() == null
                    || x.metadata().deletionTimestamp() == null);
            boolean expected = hint == ChangeEvent.Operation.DELETE ? o.isEmpty() : o.isPresent()
                    && (updatedFrom == null || !updatedFrom.equals(o.get().metadata().resourceVersion()));
            if (expected || System.nanoTime() >= deadline) {
                return o;
            }
            try {
                Thread.sleep(pause);
                pause = Math.min(pause * 2, MAX_READ_POLL.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return o;
            }
        }
    }

    /**
     * Everything after the read: the kind's handler, its outcome written, its parents rebuilt; also re-run for
     * objects that waited. The parents it may join and the load-balancer object it may get are written before
     * anything is applied, so a crash at any point leaves what a later run needs to clean up.
     */
    private Result handle(Change change, boolean redriven) {
        OwnerKey owner = change.owner();
        KubernetesObject o = change.object();
        KindHandler kind = kinds.of(o);
        String realized;
        List<OwnerKey> parents;
        Outcome out;
        try {
            realized = kind.realizedName(owner, o);
            String oldRealized = change.before().map(ObjectState::realized).orElse(null);
            if (oldRealized != null && !oldRealized.equals(realized)) {
                realizer.remove(owner, oldRealized); // renamed, moved to the other load balancer, or no LoadBalancer now
            }
            parents = kind.parents(owner.cluster(), o);
            if (!kind.settledByParentBuilds()) { // those write their parents ahead with their outcome, in one write
                states.intend(owner, change.parentsBeforeAnd(parents), realized);
            }
            out = kind.handle(change);
        } catch (ApplierException problem) {
            return notRealized(change, problem);
        }
        writer.write(change, out);
        try {
            if (out.placement() != null) {
                parents = out.placement().parents();
            }
            for (OwnerKey parent : change.parentsBeforeAnd(parents)) { // joined, changed or left: rebuilt as it is
                rebuild(parent, out.placement() != null && parents.contains(parent) ? owner : null, redriven);
            }
            if (!parents.equals(change.parentsBeforeAnd(parents))) {
                states.intend(owner, parents, realized);
            }
            if (kind.awaited(o)) {
                redriveWaiting(owner);
            }
        } catch (ApplierException parentProblem) {
            return notRealized(change, parentProblem);
        }
        if (!kind.settledByParentBuilds()) {
            states.observed(owner, o.metadata().uid(), change.digest());
        }
        return Result.APPLIED;
    }

    /**
     * Objects left Pending because this class or infra setting was not recorded yet (events of different objects
     * are not ordered against each other: FIFO order holds per object only) are re-run now.
     */
    private void redriveWaiting(OwnerKey lookup) {
        for (OwnerKey waiting : links.children(lookup)) {
            links.unlink(lookup, waiting);
            Optional<ObjectState> s = states.load(waiting);
            if (s.isEmpty() || !"Pending".equals(s.get().status())) {
                continue;
            }
            try {
                kube.get(waiting).ifPresent(o -> handle(new Change(waiting, o, s, ObjectDigest.of(o)), false));
            } catch (ApplierException stillFailing) {
                // Its own state says Failed; the reconcile re-drives it. The class or setting being recorded
                // must not fail (and land in the dead-letter queue) for another object's controller trouble.
                LOG.warn("re-driving {} failed: {}", waiting.id(), stillFailing.getMessage());
            }
        }
    }

    /** A problem met handling the object (or rebuilding its parents) becomes its outcome; observed as handled. */
    private Result notRealized(Change change, ApplierException problem) {
        writer.write(change, outcomeOf(change.owner(), problem, change.heldAnAddress())); // rethrows what is retried
        if (!kinds.of(change.object()).settledByParentBuilds()) {
            states.observed(change.owner(), change.object().metadata().uid(), change.digest());
        }
        return Result.PENDING;
    }

    /** What a problem comes to; an object waiting for a class or setting is re-driven as soon as it is recorded. */
    private Outcome outcomeOf(OwnerKey owner, ApplierException problem, boolean heldAnAddress) {
        if (problem instanceof PoolsUnresolvedException unresolved && unresolved.missing() != null) {
            links.link(unresolved.missing(), owner);
        }
        return Problems.outcome(problem, heldAnAddress);
    }

    /**
     * The object is gone from the API: its load-balancer object goes (by the exact name recorded before it was
     * applied), its parents are rebuilt without it, then its VIP is freed with its outcome written.
     */
    private void gone(OwnerKey owner, ObjectState before) {
        realizer.remove(owner, before.realized());
        for (OwnerKey parent : before.parents()) {
            rebuild(parent, null, false);
        }
        states.intend(owner, List.of(), null);
        writer.write(new Change(owner, null, Optional.of(before), null),
                Outcome.of(Outcome.Status.DELETED).freeingWhatItHeld(Optional.of(before)));
    }

    /**
     * Rebuilds a parent of any kind: a Gateway now, an Ingress shard or dedicated host through a coalesced build
     * ({@link ParentBuilds}), which shows {@code waiting} its outcome when done.
     */
    private void rebuild(OwnerKey parent, OwnerKey waiting, boolean redriven) {
        if ("Shard".equals(parent.kind()) || "Host".equals(parent.kind())) {
            builds.request(parent, waiting, redriven); // re-driven: its job may have been lost, send one
            return;
        }
        Optional<ObjectState> s = states.load(parent);
        if (s.isEmpty() || s.get().vip() == null) {
            return; // not allocated yet: its own event or the reconcile will realize it with its children
        }
        Optional<KubernetesObject> o = kube.get(parent);
        if (o.isEmpty()) {
            return; // gone: its own event (or the reconcile) removes it
        }
        Outcome out;
        try {
            out = kinds.of(o.get()).rebuild(parent, o.get(), s.get().vip());
        } catch (ApplierException problem) {
            out = outcomeOf(parent, problem, true); // the parent's own outcome; an unavailable controller is rethrown
        }
        writer.write(new Change(parent, o.get(), s, null), out);
    }
}
