package io.gatewarden.webhook.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatewarden.kube.WatchedResource;
import io.gatewarden.model.k8s.Ingress;
import io.gatewarden.model.k8s.Service;
import io.gatewarden.model.manifest.KindRegistry;
import io.gatewarden.model.manifest.ManifestObject;
import io.gatewarden.model.manifest.ManifestParser;
import io.gatewarden.model.manifest.ParseResult;
import io.gatewarden.webhook.policy.PolicyEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The webhook configurations in infra/ list exactly the kinds and operations the code handles. */
class WebhookRulesTest {

    /** Ingress versions the API server no longer serves: the policy reports them in files, no webhook sees them. */
    private static final Set<String> NOT_SERVED = Set.of("networking.k8s.io/v1beta1|Ingress", "extensions/v1beta1|Ingress");
    private static final Set<String> UPDATE_RULE_KINDS = Set.of("GatewayClass");
    private static final Set<Class<?>> MUTATED = Set.of(Service.class, Ingress.class);

    private static ParseResult webhooks(String dir) throws Exception {
        Path file = Path.of("..", "infra", "deploy", dir, "webhooks.yaml");
        return new ManifestParser().parse(file.toString(), Files.readString(file));
    }

    static Set<String> rulesOf(ParseResult parsed, String kind) {
        Set<String> out = new TreeSet<>();
        for (ManifestObject o : parsed.objects()) {
            if (!o.kind().equals(kind)) {
                continue;
            }
            for (JsonNode webhook : o.raw().path("webhooks")) {
                for (JsonNode rule : webhook.path("rules")) {
                    for (JsonNode g : rule.path("apiGroups")) {
                        for (JsonNode v : rule.path("apiVersions")) {
                            for (JsonNode r : rule.path("resources")) {
                                for (JsonNode op : rule.path("operations")) {
                                    out.add(g.asText() + "/" + v.asText() + "/" + r.asText() + ":" + op.asText());
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String plural(String apiVersion, String kind) {
        String group = KindRegistry.group(apiVersion);
        return WatchedResource.ALL.stream().filter(w -> w.group().equals(group) && w.kind().equals(kind))
                .map(WatchedResource::plural).findFirst().orElseThrow(() -> new AssertionError("no plural for " + kind));
    }

    static Set<String> expected(boolean mutating) {
        PolicyEngine engine = new PolicyEngine();
        Set<String> out = new TreeSet<>();
        for (KindRegistry.Entry e : KindRegistry.entries()) {
            if (NOT_SERVED.contains(e.apiVersion() + "|" + e.kind())) {
                continue;
            }
            boolean handled = mutating ? MUTATED.contains(e.type())
                    : engine.handles(e.type()) || UPDATE_RULE_KINDS.contains(e.kind());
            if (!handled) {
                continue;
            }
            String prefix = KindRegistry.group(e.apiVersion()) + "/" + KindRegistry.version(e.apiVersion()) + "/"
                    + plural(e.apiVersion(), e.kind()) + ":";
            for (String op : mutating ? List.of("CREATE", "UPDATE") : List.of("CREATE", "UPDATE", "DELETE")) {
                out.add(prefix + op);
            }
        }
        return out;
    }

    @Test
    void validatingRules_coverExactlyTheHandledKinds() throws Exception {
        assertEquals(expected(false), rulesOf(webhooks("base"), "ValidatingWebhookConfiguration"));
        assertEquals(expected(false), rulesOf(webhooks("serverless"), "ValidatingWebhookConfiguration"));
    }

    @Test
    void mutatingRules_coverExactlyTheMutatedKinds() throws Exception {
        assertEquals(expected(true), rulesOf(webhooks("base"), "MutatingWebhookConfiguration"));
        assertEquals(expected(true), rulesOf(webhooks("serverless"), "MutatingWebhookConfiguration"));
    }

    @Test
    void webhooks_followTheAdmissionContract() throws Exception {
        for (ManifestObject o : webhooks("base").objects()) {
            for (JsonNode w : o.raw().path("webhooks")) {
                assertEquals("[\"v1\"]", w.path("admissionReviewVersions").toString());
                assertEquals("NoneOnDryRun", w.path("sideEffects").asText());
                assertEquals(5, w.path("timeoutSeconds").asInt());
                assertEquals("[\"kube-system\",\"gatewarden\"]",
                        w.path("namespaceSelector").path("matchExpressions").get(0).path("values").toString());
                if (o.kind().startsWith("Mutating")) {
                    assertEquals("IfNeeded", w.path("reinvocationPolicy").asText());
                }
            }
        }
    }
}
