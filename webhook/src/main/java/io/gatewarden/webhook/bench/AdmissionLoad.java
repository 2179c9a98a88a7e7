package io.gatewarden.webhook.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** A bounded closed-loop load: {@code concurrency} workers POST one body until {@code total} requests are done. */
public final class AdmissionLoad {

    /** Throughput and latency percentiles of one run. */
    public record Result(int requests, double seconds, double perSecond, double p50Millis, double p99Millis) {
    }

    private AdmissionLoad() {
    }

    public static Result run(HttpClient client, URI uri, byte[] body, int concurrency, int total) throws Exception {
        AtomicInteger remaining = new AtomicInteger(total);
        long[] latencies = new long[total];
        AtomicInteger slot = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        long t1 = System.nanoTime();
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + r.statusCode() + " from " + uri);
                        }
                        latencies[slot.getAndIncrement()] = t1 - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            return new Result(total, seconds, total / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99));
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
