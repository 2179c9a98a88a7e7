package io.gatewarden.applier.lbclient;

import io.gatewarden.applier.metrics.ApplierMetrics;
import io.gatewarden.applier.metrics.EventRecord;
import java.io.IOException;

/**
 * The retry policy both controller clients share: connection errors and 5xx are retried with backoff, then
 * end as a retryable {@link LoadBalancerUnavailableException}; a 401 (or Avi's 419 session timeout) logs in again
 * once (when the client has credentials) and repeats the call without counting it as an attempt.
 */
final class RetryingCalls {

    /** A controller's answer. */
    record Response(int status, String body) {
    }

    /** One HTTP exchange. */
    interface Call {
        Response run() throws IOException, InterruptedException;
    }

    private RetryingCalls() {
    }

    /** Every exchange counts: the metrics by controller and status, and the event's log line. */
    private static void observe(String controller, String status) {
        ApplierMetrics.current().controllerCall(controller, status);
        EventRecord.controllerCall();
    }

    /**
     * @param controller name for messages ("Avi", "loxilb")
     * @param where      the controller's address, for messages
     * @param relogin    logs in again, or null when the client has no credentials
     */
    static Response send(String controller, Object where, Backoff backoff, Call call, Runnable relogin) {
        boolean loggedInAgain = false;
        for (int attempt = 1; ; attempt++) {
            Response r;
            try {
                r = call.run();
                observe(controller, String.valueOf(r.status()));
            } catch (IOException e) {
                observe(controller, "unreachable");
                if (attempt >= backoff.attempts()) {
                    throw new LoadBalancerUnavailableException(controller + " unreachable at " + where + ": "
                            + e.getMessage(), e);
                }
                backoff.sleep(attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoadBalancerUnavailableException("interrupted", e);
            }
            boolean sessionGone = r.status() == 401 || r.status() == 419; // 419: Avi's session timeout
            if (sessionGone && relogin != null && !loggedInAgain) {
                relogin.run();
                loggedInAgain = true;
                attempt--;
                continue;
            }
            if (sessionGone && relogin != null) {
                // Refused again right after a fresh login: a session race or a controller restart, not a verdict.
                throw new LoadBalancerUnavailableException(controller + " rejected a fresh session (HTTP 401)", null);
            }
            if (r.status() >= 500) {
                if (attempt >= backoff.attempts()) {
                    throw new LoadBalancerUnavailableException(controller + " kept failing: HTTP " + r.status()
                            + " after " + attempt + " attempts", null);
                }
                backoff.sleep(attempt);
                continue;
            }
            return r;
        }
    }
}
