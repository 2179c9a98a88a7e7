package io.gatewarden.local.demo;

import io.gatewarden.model.lb.ShardSizes;
import io.gatewarden.model.lb.Conventions;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.applier.identity.OwnerKey;
import io.gatewarden.applier.lbclient.AviClient;
import io.gatewarden.applier.lbclient.AviSettings;
import io.gatewarden.applier.lbclient.Backoff;
import io.gatewarden.applier.lbclient.LoadBalancerClient;
import io.gatewarden.applier.lbclient.LoxiLbClient;
import io.gatewarden.applier.lbclient.VirtualService;
import io.gatewarden.applier.realize.Naming;
import io.gatewarden.applier.store.DynamoStateStore;
import io.gatewarden.applier.store.ObjectState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gatewarden.kubeapi.KubernetesApiServer;
import io.gatewarden.local.stack.LocalStack;
import io.gatewarden.local.stack.StackEndpoints;
import io.gatewarden.local.ops.OpsTarget;
import io.gatewarden.model.manifest.KindRegistry;
import io.gatewarden.model.manifest.ManifestObject;
import io.gatewarden.model.manifest.ParseResult;
import io.gatewarden.webhook.cluster.ManifestSources;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The demo against a running stack: every manifest object through the webhook (mutate, then validate) and, when
 * allowed, stored in the stack's Kubernetes API as the API server would store it; then a wait for the applier (progress on {@code progress}) until each admitted Gateway, LoadBalancer Service and
 * Ingress has an outcome and the queue is empty, then what each got, read back from the table and from the
 * load-balancer emulators.
 */
public final class Demo {

    private static final Set<String> FINAL = Set.of("Applied", "Allocated", "Pending", "Refused", "Failed");
    /** Outcome polling; also the resolution of the latency figures. Gentle: DynamoDB Local serves the applier too. */
    static final Duration POLL = Duration.ofMillis(100);
    private static final int SETTLE_POLLS = 5;

    private final StackEndpoints stack;
    private final PrintStream progress;
    private final LoadBalancerClient avi;
    private final LoadBalancerClient loxilb;

    public Demo(StackEndpoints stack, PrintStream progress) {
        this.stack = stack;
        this.progress = progress;
        this.avi = new AviClient(stack.avi(), LocalStack.USER, LocalStack.PASSWORD, AviSettings.DEFAULTS,
                Backoff.DEFAULT);
        this.loxilb = new LoxiLbClient(stack.loxilb(), LocalStack.USER, LocalStack.PASSWORD, Backoff.DEFAULT);
    }

    public DemoResult run(List<String> manifests, Duration timeout) throws Exception {
        ParseResult parsed = new ManifestSources().read(manifests, InputStream.nullInputStream());
        if (!parsed.problems().isEmpty()) {
            throw new IllegalArgumentException("the demo manifests do not parse: " + parsed.problems().get(0));
        }
        AdmissionClient webhook = new AdmissionClient(stack.webhook(), stack.caCertificate());
        List<Tracked> tracked = new ArrayList<>();
        List<DemoResult.Refusal> refused = new ArrayList<>();
        Map<String, JsonNode> admitted = new HashMap<>(); // kind/name of cluster-scoped lookups: IngressClass, settings
        int supporting = 0;
        try (KubernetesClient kube = KubernetesApiServer.clientFor(stack.kubernetes())) {
            for (ManifestObject o : parsed.objects()) {
                AdmissionClient.Verdict v = webhook.admit(o.raw(), KubernetesApiServer.find(kube, o.raw()));
                if (!v.allowed()) {
                    refused.add(new DemoResult.Refusal(o.kind(), o.namespace(), o.name(), v.message()));
                    continue;
                }
                // the endpoint controller's slice first, so the Service's first build finds its members
                DemoEndpoints.sliceFor(v.stored()).ifPresent(slice -> KubernetesApiServer.store(kube, slice));
                KubernetesApiServer.store(kube, v.stored()); // what the API server does once admission allowed it
                admitted.put(o.kind() + "/" + o.name(), v.stored());
                if (getsVip(v.stored())) {
                    tracked.add(new Tracked(o, v, System.nanoTime()));
                } else {
                    supporting++;
                }
            }
        }
        progress.printf("admission: %d sent, %d allowed, %d refused%n", parsed.objects().size(),
                parsed.objects().size() - refused.size(), refused.size());
        try (DynamoDbClient ddb = OpsTarget.localDynamoDb(stack); SqsClient sqs = OpsTarget.localSqs(stack)) {
            DynamoStateStore states = new DynamoStateStore(ddb, stack.table());
            List<Long> latencies = new ArrayList<>();
            boolean complete = await(tracked, states, sqs, timeout, latencies);
            List<DemoResult.Row> rows = new ArrayList<>();
            for (Tracked t : tracked) {
                rows.add(row(t, states.load(owner(t.object().raw())), admitted));
            }
            return new DemoResult(parsed.objects().size(), supporting, rows, refused, complete, latencies);
        }
    }

    private record Tracked(ManifestObject object, AdmissionClient.Verdict verdict, long admittedNanos) {
    }

    private boolean await(List<Tracked> tracked, DynamoStateStore states, SqsClient sqs, Duration timeout,
            List<Long> latencies) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Tracked, Long> done = new LinkedHashMap<>();
        int shown = -1;
        int quiet = 0;
        while (true) {
            for (Tracked t : tracked) {
                if (!done.containsKey(t) && states.load(owner(t.object().raw())).map(ObjectState::status)
                        .filter(FINAL::contains).isPresent()) {
                    done.put(t, (System.nanoTime() - t.admittedNanos()) / 1_000_000);
                }
            }
            if (done.size() != shown) {
                bar(done.size(), tracked.size());
                shown = done.size();
            }
            // The webhook publishes in the background: the queue must stay empty a few polls in a row.
            quiet = done.size() == tracked.size() && queueEmpty(sqs) ? quiet + 1 : 0;
            if (quiet >= SETTLE_POLLS) {
                progress.println();
                latencies.addAll(done.values());
                return true;
            }
            if (System.nanoTime() > deadline) {
                progress.println();
                latencies.addAll(done.values());
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private boolean queueEmpty(SqsClient sqs) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(stack.queueUrl()).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                && "0".equals(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private void bar(int done, int total) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        progress.print("\rapplier   [" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + done + "/" + total);
        progress.flush();
    }

    private DemoResult.Row row(Tracked t, Optional<ObjectState> state, Map<String, JsonNode> admitted) {
        JsonNode o = t.verdict().stored();
        String kind = o.path("kind").asText();
        String ns = o.path("metadata").path("namespace").asText();
        String name = o.path("metadata").path("name").asText();
        String injected = t.verdict().patchedPaths().isEmpty() ? null
                : o.path("metadata").path("annotations").path(Conventions.INFRA_SETTING_ANNOTATION).asText(null);
        String status = state.map(ObjectState::status).orElse("not processed");
        String reason = state.map(ObjectState::reason).orElse(null);
        Naming naming = new Naming(stack.cluster());
        List<String> lb = new ArrayList<>();
        String vip = state.map(ObjectState::vip).orElse(null);
        String shard = null;
        if ("Ingress".equals(kind)) {
            JsonNode detail = DynamoStateStore.json(state.map(ObjectState::detail).orElse(null));
            String setting = admitted.getOrDefault("IngressClass/" + o.path("spec").path("ingressClassName").asText(),
                    o).path("spec").path("parameters").path("name").asText(null);
            String size = setting == null ? "" : admitted.getOrDefault("AviInfraSetting/" + setting, o)
                    .path("spec").path("l7Settings").path("shardSize").asText(ShardSizes.DEFAULT);
            if (detail != null && detail.fields().hasNext()) {
                var placed = detail.fields().next();
                vip = placed.getValue().path("vip").asText(null);
                String where = placed.getValue().path("shard").asText();
                shard = "dedicated".equals(where) ? ShardSizes.DEDICATED : size + " " + where;
                String vs = "dedicated".equals(where) ? naming.dedicated(placed.getKey())
                        : naming.shard(setting, Integer.parseInt(where));
                avi.read(vs).ifPresent(v -> lb.add("Avi VS " + v.name() + " (" + v.routes().size() + " routes)"));
            }
        } else if ("Service".equals(kind)
                && Conventions.LOXILB_CONTROLLER.equals(o.path("spec").path("loadBalancerClass").asText())
                || "Gateway".equals(kind) && o.path("apiVersion").asText().startsWith("gateway.networking.k8s.io")) {
            loxilb.read(naming.l4(ns, name)).ifPresent(v -> lb.add("loxilb rules " + listeners(v, "-")));
        } else {
            avi.read(naming.l4(ns, name)).ifPresent(v -> lb.add("Avi VS " + v.name() + " " + listeners(v, "/")));
        }
        return new DemoResult.Row(kind, ns, name, injected, status, reason, vip, shard, lb);
    }

    private static String listeners(VirtualService vs, String sep) {
        return vs.listeners().stream().map(l -> l.protocol() + sep + l.port() + " (" + l.members().size()
                + " members)").toList().toString();
    }

    /** Gateways, LoadBalancer Services and Ingresses with a class get a VIP (or a shard's). */
    static boolean getsVip(JsonNode o) {
        String kind = o.path("kind").asText();
        return "Gateway".equals(kind) || "Ingress".equals(kind) && o.path("spec").has("ingressClassName")
                || "Service".equals(kind) && "LoadBalancer".equals(o.path("spec").path("type").asText());
    }

    private OwnerKey owner(JsonNode o) {
        String group = KindRegistry.group(o.path("apiVersion").asText());
        String kind = o.path("kind").asText();
        String ns = o.path("metadata").path("namespace").asText(null);
        return new OwnerKey(stack.cluster(), group.isEmpty() ? kind : kind + "." + group, ns,
                o.path("metadata").path("name").asText());
    }
}
