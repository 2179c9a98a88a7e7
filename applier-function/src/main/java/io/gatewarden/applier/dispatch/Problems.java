package io.gatewarden.applier.dispatch;

import io.gatewarden.applier.ApplierException;
import io.gatewarden.applier.allocation.VipPoolExhaustedException;
import io.gatewarden.applier.lbclient.LoadBalancerRefusedException;
import io.gatewarden.applier.lbclient.LoadBalancerUnavailableException;
import io.gatewarden.applier.outcome.Outcome;
import io.gatewarden.applier.outcome.Outcome.Status;
import io.gatewarden.applier.realize.NameCollisionException;
import io.gatewarden.applier.realize.NotRealizableException;

/**
 * What a problem met while handling an object comes to: a pure function, the one place that decides between
 * retrying, Pending and Refused.
 * <ul>
 * <li>The controller is unavailable (5xx storm, timeouts): {@code Failed}, and the message is retried. The clients
 * undo partial applies, and the VIP stays reserved so the retry and the reconcile converge on the same address.</li>
 * <li>Any other retryable problem (a conflict in the table, a lease lost): retried, nothing written.</li>
 * <li>The controller refused, or the object cannot be realized (name too long, a name held by another object):
 * {@code Refused} with a Warning Event; no retry, the same build would be refused again. An address taken for this
 * attempt only is freed.</li>
 * <li>No VIP now (pool exhausted, address taken, class unknown): {@code Pending} with a Warning Event, not an error,
 * so no retry storm; the reconcile re-drives it.</li>
 * </ul>
 */
public final class Problems {

    private Problems() {
    }

    /**
     * @param heldAnAddress the object held its address before this attempt (it is then kept whatever happens)
     */
    public static Outcome outcome(ApplierException problem, boolean heldAnAddress) {
        if (problem instanceof LoadBalancerUnavailableException) {
            return Outcome.failed(problem);
        }
        if (problem.retryable() && !(problem instanceof VipPoolExhaustedException)) {
            return Outcome.retry(problem);
        }
        boolean refused = problem instanceof LoadBalancerRefusedException || problem instanceof NotRealizableException;
        Outcome o = Outcome.notRealized(refused ? Status.REFUSED : Status.PENDING, eventReason(problem),
                problem.getMessage());
        return refused && !heldAnAddress ? o.releasing() : o;
    }

    /**
     * What the children waiting for a parent's build (Ingresses on a shard) are shown when the build met
     * {@code problem}: Refused, with the Event their parent's refusal gets; Failed with a
     * {@code LoadBalancerUnavailable} Event, and the build job retried; empty for any other problem, which is
     * retried with the children left waiting.
     */
    public static java.util.Optional<Outcome> forWaitingChildren(ApplierException problem) {
        if (problem instanceof LoadBalancerUnavailableException) {
            Outcome failed = Outcome.failed(problem);
            return java.util.Optional.of(failed.warning("LoadBalancerUnavailable", problem.getMessage()));
        }
        if (problem instanceof LoadBalancerRefusedException || problem instanceof NotRealizableException) {
            return java.util.Optional.of(Outcome.notRealized(Status.REFUSED, eventReason(problem),
                    problem.getMessage()));
        }
        return java.util.Optional.empty();
    }

    /** The reason of the Warning Event a problem is shown with. */
    static String eventReason(ApplierException problem) {
        if (problem instanceof NameCollisionException) {
            return "NameCollision";
        }
        if (problem instanceof LoadBalancerRefusedException || problem instanceof NotRealizableException) {
            return "LoadBalancerRefused";
        }
        return problem instanceof VipPoolExhaustedException ? "VipPoolExhausted" : "VipPending";
    }
}
