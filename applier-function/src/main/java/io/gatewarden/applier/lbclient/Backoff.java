package io.gatewarden.applier.lbclient;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, bounded in attempts. */
public record Backoff(int attempts, Duration first, Duration max) {

    public static final Backoff DEFAULT = new Backoff(5, Duration.ofMillis(200), Duration.ofSeconds(5));

    /** Delay before retry number {@code retry} (1-based). */
    public Duration delay(int retry) {
        long cap = Math.min(max.toMillis(), first.toMillis() << Math.min(retry - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    void sleep(int retry) {
        try {
            Thread.sleep(delay(retry).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
