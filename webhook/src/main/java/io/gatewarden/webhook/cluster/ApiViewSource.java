package io.gatewarden.webhook.cluster;

import io.gatewarden.kube.LiveCluster;
import io.gatewarden.kube.credentials.AfterRestore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serverless cluster view: a snapshot read through the Kubernetes API (no watches: a Lambda instance may be
 * frozen at any time). The first snapshot is taken at start-up (the function's init phase); afterwards a
 * snapshot older than the TTL is refreshed in the background while admission keeps using the previous one.
 */
public final class ApiViewSource implements ClusterViewSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiViewSource.class);

    private record Snapshot(IndexedClusterView view, Instant takenAt) {
    }

    private final LiveCluster cluster;
    private final Duration ttl;
    private final Clock clock;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicReference<String> lastFailure = new AtomicReference<>("the first snapshot has not been taken");
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gatewarden-view-refresh");
        t.setDaemon(true);
        return t;
    });

    public ApiViewSource(LiveCluster cluster, Duration ttl, Clock clock) {
        this.cluster = cluster;
        this.ttl = ttl;
        this.clock = clock;
        refresh();
    }

    private void refresh() {
        try {
            LiveCluster.Snapshot s = cluster.read();
            current.set(new Snapshot(IndexedClusterView.of(s.objects()), clock.instant()));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastFailure.getAndSet(e.getMessage()))) {
                LOG.warn("cluster view refresh failed, keeping the previous snapshot: {}", e.getMessage());
            }
        } finally {
            refreshing.set(false);
        }
    }

    /**
     * After a snapshot restore (SnapStart): the snapshot is as old as the checkpoint, so it is read again now, before
     * the first review; if the cluster cannot be read, it is dropped, and reviews are answered without denials until
     * a read succeeds, never from a view of the past.
     */
    public void renew() {
        AfterRestore.refresh(cluster.client()); // sockets and tokens from before the checkpoint
        refreshing.set(true);
        Snapshot before = current.get();
        refresh();
        if (current.get() == before) {
            current.set(null);
        }
    }

    @Override
    public ClusterView view() {
        Snapshot s = current.get();
        if ((s == null || s.takenAt().plus(ttl).isBefore(clock.instant())) && refreshing.compareAndSet(false, true)) {
            refresher.execute(this::refresh);
        }
        return s == null ? new IndexedClusterView() : s.view();
    }

    @Override
    public boolean synced() {
        return current.get() != null;
    }

    @Override
    public java.util.Optional<String> incompleteReason() {
        return synced() ? java.util.Optional.empty() : java.util.Optional.of(lastFailure.get());
    }

    @Override
    public String describe() {
        Snapshot s = current.get();
        return "api (ttl " + ttl.toSeconds() + "s, " + (s == null ? 0 : s.view().size()) + " objects)";
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
