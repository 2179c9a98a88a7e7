package io.gatewarden.webhook.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewarden.model.k8s.KubernetesObject;
import io.gatewarden.model.manifest.Json;
import io.gatewarden.model.manifest.ObjectBinding;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
            bind(resource, obj).ifPresent(view::put);
        }

        @Override
        public void onUpdate(DynamicKubernetesObject oldObj, DynamicKubernetesObject newObj) {
            bind(resource, newObj).ifPresent(view::put);
        }

        @Override
        public void onDelete(DynamicKubernetesObject obj, boolean deletedFinalStateUnknown) {
            bind(resource, obj).ifPresent(view::remove);
        }
    }

    static Optional<KubernetesObject> bind(WatchedResource r, DynamicKubernetesObject item) {
        try {
            ObjectNode node = (ObjectNode) Json.mapper().readTree(item.getRaw().toString());
            node.put("apiVersion", r.apiVersion());
            node.put("kind", r.kind());
            return ObjectBinding.bind(node);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
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
