package io.gatewarden.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures a test asks an emulator for: the next n requests of any kind, or — after serving {@code skip} of
 * them — the next n whose {@code "METHOD /path"} starts with a given prefix (a storm on one endpoint, beginning
 * in the middle of a client's sequence of calls), or a seeded share of all requests (503s, and answers lost after
 * the request was carried out, as a client timing out sees it).
 */
final class FailurePlan {

    /** A failure to answer with; {@link #ANSWER_LOST} serves the request, then closes without an answer. */
    record Failure(int status) {
    }

    /** The request is carried out, but its answer never reaches the client (a timeout after the fact). */
    static final int ANSWER_LOST = -1;

    private volatile java.util.Random random;
    private volatile double errorRate;
    private volatile double lostRate;

    /** From now on, each request fails with 503 with {@code errorRate} and loses its answer with {@code lostRate}. */
    synchronized void random(long seed, double errorRate, double lostRate) {
        this.random = errorRate + lostRate > 0 ? new java.util.Random(seed) : null;
        this.errorRate = errorRate;
        this.lostRate = lostRate;
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
        if (random != null) {
            double draw = random.nextDouble();
            if (draw < errorRate) {
                return new Failure(503);
            }
            if (draw < errorRate + lostRate) {
                return new Failure(ANSWER_LOST);
            }
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
