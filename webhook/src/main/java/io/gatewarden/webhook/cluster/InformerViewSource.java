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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * List + watch informers (client-java, the client micronaut-kubernetes-client is built on) feeding an
 * {@link IndexedClusterView}. Resources the cluster does not serve (no LoxiLB or AKO CRDs) are logged once and
 * skipped. The view answers from memory; readiness waits for every informer's first list.
 */
public final class InformerViewSource implements ClusterViewSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InformerViewSource.class);

    private final IndexedClusterView view = new IndexedClusterView();
    private final List<SharedInformerFactory> factories = new ArrayList<>();
    private final List<SharedIndexInformer<DynamicKubernetesObject>> informers = new ArrayList<>();
    private final int served;

    public InformerViewSource(ApiClient client, Duration resync) {
        List<WatchedResource> servedResources = new ArrayList<>();
        for (WatchedResource r : WatchedResource.ALL) {
            if (servedResources.stream().anyMatch(r::sameKindAs)) {
                continue;
            }
            DynamicKubernetesApi api = new DynamicKubernetesApi(r.group(), r.version(), r.plural(), client);
            int status;
            try {
                status = api.list().getHttpStatusCode();
            } catch (RuntimeException e) {
                status = 0;
            }
            if (status != 200) {
                LOG.warn("{} {} not served (HTTP {}): Gatewarden works without them", r.apiVersion(), r.plural(),
                        status == 0 ? "unreachable" : status);
                continue;
            }
            servedResources.add(r);
            SharedInformerFactory factory = new SharedInformerFactory(client);
            SharedIndexInformer<DynamicKubernetesObject> informer =
                    factory.sharedIndexInformerFor(api, DynamicKubernetesObject.class, resync.toMillis());
            informer.addEventHandler(new Handler(r));
            factories.add(factory);
            informers.add(informer);
        }
        this.served = servedResources.size();
        factories.forEach(SharedInformerFactory::startAllRegisteredInformers);
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
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    @Override
    public String describe() {
        return "informers (" + served + " resources served, " + view.size() + " objects)";
    }

    @Override
    public void close() {
        factories.forEach(SharedInformerFactory::stopAllRegisteredInformers);
    }
}
