package io.gatewarden.applier.outcome;

import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.store.ObjectState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What handling one object came to. A kind handler decides it and returns it; only the dispatcher's
 * {@code OutcomeWriter} writes it (the state, what the object shows, its Events, the addresses freed), so what an
 * object ends as is decided in one place per kind and written in one place for all.
 *
 * @param status     the outcome the table keeps; null when nothing is settled and the problem is retried as it is
 * @param reason     why it is pending, refused or failed, else null
 * @param vip        the address the object holds now, if any
 * @param shown      what the object's status shows
 * @param warnings   Warning Events on the object
 * @param finishMove free the old address of a move (the load balancer now serves the new one: free last)
 * @param release    free the object's address (it needs none now, or one taken for this attempt was refused)
 * @param placement  an Ingress's host placements and the parents whose builds settle it; null for other kinds
 * @param retry      rethrown once the rest is written, so the message is retried; null when settled
 */
public record Outcome(Status status, String reason, String vip, Shown shown, List<Warning> warnings,
        boolean finishMove, boolean release, Placement placement, RuntimeException retry) {

    /** The outcomes the table keeps, with the word it keeps for each. */
    public enum Status {
        APPLIED("Applied"), ALLOCATED("Allocated"), MEMBER("Member"), RECORDED("Recorded"), PENDING("Pending"),
        REFUSED("Refused"), FAILED("Failed"), DELETED("Deleted");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** A Warning Event: its reason (CamelCase, as Kubernetes reasons are) and message. */
    public record Warning(String reason, String message) {
    }

    /**
     * Where an Ingress's hosts were placed ({@code host → {shard, vip}}, JSON) and the shards or dedicated hosts
     * whose builds settle it.
     */
    public record Placement(String detail, List<OwnerKey> parents) {
    }

    public Outcome {
        shown = shown == null ? Shown.NOTHING : shown;
        warnings = List.copyOf(warnings);
    }

    /** Settled with nothing to show. */
    public static Outcome of(Status status) {
        return new Outcome(status, null, null, Shown.NOTHING, List.of(), false, false, null, null);
    }

    /** Realized on (or allocated for) its load balancer at {@code vip}, showing {@code shown}. */
    public static Outcome realized(Status status, String vip, Shown shown) {
        return new Outcome(status, null, vip, shown, List.of(), false, false, null, null);
    }

    /** Not realized: pending or refused, with the reason on the state and in a Warning Event. */
    public static Outcome notRealized(Status status, String eventReason, String reason) {
        return new Outcome(status, reason, null, Shown.NOTHING, List.of(new Warning(eventReason, reason)), false,
                false, null, null);
    }

    /** The controller failed: recorded as Failed, then retried. */
    public static Outcome failed(RuntimeException problem) {
        return new Outcome(Status.FAILED, problem.getMessage(), null, Shown.NOTHING, List.of(), false, false, null,
                problem);
    }

    /** Nothing settled: retried as it is, nothing written. */
    public static Outcome retry(RuntimeException problem) {
        return new Outcome(null, problem.getMessage(), null, Shown.NOTHING, List.of(), false, false, null, problem);
    }

    /** Settled by the builds of {@code parents}, its hosts placed as {@code detail} says. */
    public static Outcome placed(Status status, String detail, List<OwnerKey> parents) {
        return new Outcome(status, null, null, Shown.NOTHING, List.of(), false, false,
                new Placement(detail, List.copyOf(parents)), null);
    }

    /** This outcome, also freeing the old address of a move. */
    public Outcome finishingMove() {
        return new Outcome(status, reason, vip, shown, warnings, true, release, placement, retry);
    }

    /** This outcome, also freeing the object's address. */
    public Outcome releasing() {
        return new Outcome(status, reason, vip, shown, warnings, finishMove, true, placement, retry);
    }

    /** This outcome, also freeing whatever addresses {@code before} says the object holds. */
    public Outcome freeingWhatItHeld(Optional<ObjectState> before) {
        Outcome o = before.map(ObjectState::movedFrom).isPresent() ? finishingMove() : this;
        return before.map(ObjectState::vip).isPresent() ? o.releasing() : o;
    }

    /** This outcome with one more Warning Event. */
    public Outcome warning(String eventReason, String message) {
        List<Warning> more = new ArrayList<>(warnings);
        more.add(new Warning(eventReason, message));
        return new Outcome(status, reason, vip, shown, more, finishMove, release, placement, retry);
    }
}
