package io.gatewarden.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures a test asks an emulator for: the next n requests of any kind, or — after serving {@code skip} of
 * them — the next n whose {@code "METHOD /path"} starts with a given prefix (a storm on one endpoint, beginning
 * in the middle of a client's sequence of calls).
 */
final class FailurePlan {

    /** A failure to answer with. */
    record Failure(int status) {
    }

    private final AtomicInteger any = new AtomicInteger();
    private volatile int anyStatus = 503;
    private final Map<String, int[]> byPrefix = new ConcurrentHashMap<>(); // prefix -> {skip, remaining, status}

    void next(int n, int status) {
        anyStatus = status;
        any.set(n);
    }

    void matching(String methodAndPathPrefix, int skip, int n, int status) {
        byPrefix.put(methodAndPathPrefix, new int[] {skip, n, status});
    }

    /** The failure this request gets, or null to serve it. */
    synchronized Failure take(String method, String path) {
        if (any.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return new Failure(anyStatus);
        }
        String request = method + " " + path;
        for (Map.Entry<String, int[]> e : byPrefix.entrySet()) {
            int[] plan = e.getValue();
            if (!request.startsWith(e.getKey())) {
                continue;
            }
            if (plan[0] > 0) {
                plan[0]--; // served: the storm starts later
            } else if (plan[1] > 0) {
                plan[1]--;
                return new Failure(plan[2]);
            }
        }
        return null;
    }
}
