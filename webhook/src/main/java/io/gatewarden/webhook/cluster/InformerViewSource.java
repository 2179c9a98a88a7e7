package io.gatewarden.webhook.cluster;

import io.gatewarden.kube.LiveCluster;
import io.gatewarden.kube.WatchedResource;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * List + watch informers (client-java, the client micronaut-kubernetes-client is built on) feeding an
 * {@link IndexedClusterView}. The view answers from memory.
 *
 * <p>A resource the cluster answers 404 for (no LoxiLB or AKO CRDs) is optional: logged once and skipped. Any other
 * answer (unreachable, 401, 403, 5xx) leaves the view incomplete: readiness stays false, the reason is logged once,
 * and the resource is tried again every {@code retry} until it is listed or answered 404. Readiness also waits for
 * every informer's first list.
 */
public final class InformerViewSource implements ClusterViewSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InformerViewSource.class);

    private final ApiClient client;
    private final Duration resync;
    private final IndexedClusterView view = new IndexedClusterView();
    private final List<SharedInformerFactory> factories = new CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<DynamicKubernetesObject>> informers = new CopyOnWriteArrayList<>();
    private final List<WatchedResource> served = new CopyOnWriteArrayList<>();
    /** Resources not yet listed, with why; guarded by this. */
    private final Map<WatchedResource, String> missing = new LinkedHashMap<>();
    private volatile boolean complete;
    private final ScheduledExecutorService retrier = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gatewarden-view-retry");
        t.setDaemon(true);
        return t;
    });

    public InformerViewSource(ApiClient client, Duration resync, Duration retry) {
        this.client = client;
        this.resync = resync;
        WatchedResource.ALL.forEach(r -> missing.put(r, "not listed yet"));
        tryStart();
        if (!retrier.isShutdown()) { // something could not be listed yet
            retrier.scheduleWithFixedDelay(this::tryStart, retry.toMillis(), retry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public InformerViewSource(ApiClient client, Duration resync) {
        this(client, resync, Duration.ofSeconds(10));
    }

    /** Lists every resource still missing and starts an informer for each one the cluster serves. */
    private synchronized void tryStart() {
        for (WatchedResource r : new ArrayList<>(missing.keySet())) {
            if (served.stream().anyMatch(r::sameKindAs)) {
                missing.remove(r); // another version of this kind is watched
                continue;
            }
            DynamicKubernetesApi api = new DynamicKubernetesApi(r.group(), r.version(), r.plural(), client);
            int status;
            String detail;
            try {
                status = api.list().getHttpStatusCode();
                detail = "HTTP " + status;
            } catch (RuntimeException e) {
                status = 0;
                detail = "unreachable: " + LiveCluster.rootMessage(e);
            }
            if (status == 404) {
                LOG.warn("{} {} not served (HTTP 404): Gatewarden works without them", r.apiVersion(), r.plural());
                missing.remove(r);
                continue;
            }
            if (status != 200) {
                String reason = r.plural() + "." + (r.group().isEmpty() ? "core" : r.group()) + " " + r.version()
                        + " could not be listed (" + detail + ")";
                if (!reason.equals(missing.put(r, reason))) {
                    LOG.error("cluster view incomplete, not ready; reviews are answered without denials until it "
                            + "syncs: {}", reason); // once per distinct reason
                }
                continue;
            }
            missing.remove(r);
            served.add(r);
            SharedInformerFactory factory = new SharedInformerFactory(client);
            SharedIndexInformer<DynamicKubernetesObject> informer =
                    factory.sharedIndexInformerFor(api, DynamicKubernetesObject.class, resync.toMillis());
            informer.addEventHandler(new Handler(r));
            factories.add(factory);
            informers.add(informer);
            factory.startAllRegisteredInformers();
        }
        missing.keySet().removeIf(r -> served.stream().anyMatch(r::sameKindAs));
        if (missing.isEmpty()) {
            retrier.shutdown();
        }
    }

    private final class Handler implements ResourceEventHandler<DynamicKubernetesObject> {
        private final WatchedResource resource;

        Handler(WatchedResource resource) {
            this.resource = resource;
        }

        @Override
        public void onAdd(DynamicKubernetesObject obj) {
            LiveCluster.bind(resource, obj).ifPresent(view::put);
        }

        @Override
        public void onUpdate(DynamicKubernetesObject oldObj, DynamicKubernetesObject newObj) {
            LiveCluster.bind(resource, newObj).ifPresent(view::put);
        }

        @Override
        public void onDelete(DynamicKubernetesObject obj, boolean deletedFinalStateUnknown) {
            LiveCluster.bind(resource, obj).ifPresent(view::remove);
        }
    }

    @Override
    public ClusterView view() {
        return view;
    }

    @Override
    public boolean synced() {
        return incompleteReason().isEmpty();
    }

    /**
     * Asked on every review: once complete (every resource listed and every informer past its first list), the
     * view stays complete, so that is remembered and the lock and the walk are skipped from then on.
     */
    @Override
    public Optional<String> incompleteReason() {
        if (complete) {
            return Optional.empty();
        }
        synchronized (this) {
            if (!missing.isEmpty()) {
                return Optional.of(String.join("; ", missing.values()));
            }
            long waiting = informers.stream().filter(i -> !i.hasSynced()).count();
            if (waiting > 0) {
                return Optional.of(waiting + " informers have not finished their first list");
            }
            complete = true;
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        return "informers (" + served.size() + " resources served, " + view.size() + " objects)";
    }

    @Override
    public void close() {
        retrier.shutdownNow();
        factories.forEach(SharedInformerFactory::stopAllRegisteredInformers);
    }
}
