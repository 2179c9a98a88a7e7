package io.gatewarden.applier.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Static checks of the Terraform code with an HCL parser (no provider download needed): typed and described
 * variables, least-privilege IAM, the queue wiring the applier depends on.
 */
class TerraformTest {

    private static final Path ROOT = Path.of("..", "terraform");
    /** The only wildcard allowed: the log-stream part of a function's own log group (stream names are Lambda's). */
    private static final Pattern LOG_STREAMS = Pattern.compile("arn:\\$\\{[^}]+}:logs:\\$\\{[^}]+}:\\$\\{[^}]+}:log-group:"
            + "/aws/lambda/\\$\\{[^}*]+}:\\*");

    private static List<Path> tfFiles() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT)) {
            return s.filter(p -> p.toString().endsWith(".tf")).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(Path file) throws Exception {
        return new HCLParser().parse(file.toFile(), "UTF-8");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> block(Map<String, Object> hcl, String... path) {
        Object cur = hcl;
        for (String p : path) {
            cur = cur instanceof Map<?, ?> m ? m.get(p) : null;
        }
        return cur instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @Test
    void everyFileParses_andTheLayoutIsComplete() throws Exception {
        List<Path> files = tfFiles();
        assertTrue(files.size() >= 25, files.toString());
        for (Path f : files) {
            parse(f);
        }
        for (String m : List.of("queue", "table", "applier", "webhook-function", "controller-secret", "alarms")) {
            for (String f : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md")) {
                assertTrue(Files.exists(ROOT.resolve("modules").resolve(m).resolve(f)), m + "/" + f);
            }
        }
    }

    @Test
    void everyVariable_isTypedAndDescribed() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Path f : tfFiles()) {
            block(parse(f), "variable").forEach((name, v) -> {
                Map<?, ?> var = (Map<?, ?>) v;
                if (!var.containsKey("type") || !(var.get("description") instanceof String d) || d.isBlank()) {
                    missing.add(f + ": " + name);
                }
            });
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void iam_namesItsActionsAndResources() throws Exception {
        List<String> wildcards = new ArrayList<>();
        for (Path f : tfFiles()) {
            String text = Files.readString(f);
            Matcher quoted = Pattern.compile("\"([^\"\\n]*\\*[^\"\\n]*)\"").matcher(text);
            while (quoted.find()) {
                if (!LOG_STREAMS.matcher(quoted.group(1)).matches()) {
                    wildcards.add(f + ": " + quoted.group(1));
                }
            }
            Map<String, Object> docs = block(parse(f), "data", "aws_iam_policy_document");
            for (Object doc : docs.values()) {
                Object statements = ((Map<?, ?>) doc).get("statement");
                for (Object s : statements instanceof List<?> l ? l : List.of(statements)) {
                    Map<?, ?> st = (Map<?, ?>) s;
                    for (String key : List.of("actions", "resources")) {
                        if (st.get(key) instanceof List<?> values) {
                            values.stream().map(String::valueOf).filter(v -> v.contains("*")
                                    && !v.matches(".*:log-group:/aws/lambda/[^*]+:\\*"))
                                    .forEach(v -> wildcards.add(f + ": " + key + " " + v));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wildcards);
    }

    @Test
    void queue_isFifoWithADeadLetterQueue_andTheVisibilityRuleHolds() throws Exception {
        Path main = ROOT.resolve("modules/queue/main.tf");
        Map<String, Object> queues = block(parse(main), "resource", "aws_sqs_queue");
        assertEquals(true, block(queues, "this").get("fifo_queue"));
        assertEquals(true, block(queues, "dlq").get("fifo_queue"));
        String text = Files.readString(main);
        assertTrue(text.contains("deadLetterTargetArn = aws_sqs_queue.dlq[0].arn"));
        assertTrue(text.contains("condition     = var.visibility_timeout_seconds >= 6 * var.consumer_timeout_seconds"));
        String example = Files.readString(ROOT.resolve("examples/complete/main.tf"));
        assertTrue(example.contains("visibility_timeout_seconds = 6 * local.applier_timeout_seconds"));
        assertTrue(example.contains("timeout_seconds = local.applier_timeout_seconds"));
    }

    @Test
    void eventSourceMapping_reportsBatchItemFailures_andThrottlesByMaximumConcurrency() throws Exception {
        Map<String, Object> hcl = parse(ROOT.resolve("modules/applier/main.tf"));
        Map<String, Object> mapping = block(hcl, "resource", "aws_lambda_event_source_mapping", "this");
        assertEquals(List.of("ReportBatchItemFailures"), mapping.get("function_response_types"));
        assertTrue(Files.readString(ROOT.resolve("modules/applier/main.tf"))
                .contains("maximum_concurrency = var.maximum_concurrency"), "scaling_config.maximum_concurrency");
        assertTrue(Files.readString(ROOT.resolve("modules/applier/main.tf"))
                .contains("reserved_concurrent_executions = each.key == \"applier\" ? -1 : 1"),
                "no reserved concurrency on the applier: the mapping throttles it");
    }

    @Test
    void scheduledReconcile_hasARetryPolicyAndADeadLetterQueue() throws Exception {
        String main = Files.readString(ROOT.resolve("modules/applier/main.tf"));
        int target = main.indexOf("resource \"aws_cloudwatch_event_target\" \"reconcile\"");
        String block = main.substring(target, main.indexOf("\n}\n", target));
        assertTrue(block.contains("retry_policy {") && block.contains("maximum_retry_attempts"), block);
        assertTrue(block.contains("dead_letter_config {") && block.contains("aws_sqs_queue.reconcile_dlq[0].arn"), block);
        assertTrue(main.contains("identifiers = [\"events.amazonaws.com\"]"), "EventBridge may send to the DLQ");
    }

    @Test
    void theWebhookFunction_readsItsOwnSecret_neverTheControllerCredentials() throws Exception {
        Map<String, Object> modules = block(parse(ROOT.resolve("examples/complete/main.tf")), "module");
        assertEquals("module.webhook_secret.secret_arn", String.valueOf(block(modules, "webhook").get("secret_arn")));
        assertEquals("module.secret.secret_arn", String.valueOf(block(modules, "applier").get("secret_arn")));
    }

    /**
     * The applier and the reconcile have a role each, and only the applier's may consume the change queue; the
     * functions read the controller secret and, when given, the cluster secret, nothing else.
     */
    @Test
    void applierAndReconcile_haveARoleEach_andOnlyTheApplierConsumesTheQueue() throws Exception {
        Map<String, Object> hcl = parse(ROOT.resolve("modules/applier/main.tf"));
        String text = Files.readString(ROOT.resolve("modules/applier/main.tf"));
        int role = text.indexOf("resource \"aws_iam_role\" \"this\"");
        assertTrue(text.substring(role, text.indexOf("\n}\n", role))
                .contains("for_each           = { for k, v in local.functions : k => v if var.create }"),
                "a role per function");
        assertTrue(String.valueOf(block(hcl, "resource", "aws_lambda_function", "this").get("role"))
                .contains("each.key"), "each function takes its own role");
        String main = Files.readString(ROOT.resolve("modules/applier/main.tf"));
        Matcher consume = Pattern.compile("for_each = each.key == \"applier\" \\? \\[1\\] : \\[\\]\\s+content \\{\\s+"
                + "sid\\s+= \"ConsumeChanges\"").matcher(main);
        assertTrue(consume.find(), "ConsumeChanges is granted to the applier's role only");
        assertTrue(main.contains("secret_arns = compact([var.secret_arn, var.cluster_secret_arn])")
                && main.contains("resources = local.secret_arns"), "the secrets read are exactly these two");
    }

    /** Every DynamoDB action the applier's role is granted is one its code calls (SDK method names). */
    @Test
    void applierRole_grantsNoDynamoDbActionItsCodeDoesNotUse() throws Exception {
        Map<String, List<String>> calls = Map.of("GetItem", List.of("getItem("), "PutItem", List.of("putItem(", ".put("),
                "UpdateItem", List.of("updateItem(", ".update("), "DeleteItem", List.of("deleteItem(", ".delete("),
                "Query", List.of("query(", "queryPaginator("), "Scan", List.of("scan(", "scanPaginator("),
                "ConditionCheckItem", List.of(".conditionCheck("), "BatchWriteItem", List.of("batchWriteItem("),
                "BatchGetItem", List.of("batchGetItem("));
        StringBuilder code = new StringBuilder();
        try (Stream<Path> s = Files.walk(Path.of("src", "main", "java"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                code.append(Files.readString(p));
            }
        }
        String source = code.toString();
        java.util.regex.Matcher m = Pattern.compile("\"dynamodb:([A-Za-z]+)\"")
                .matcher(Files.readString(ROOT.resolve("modules/applier/main.tf")));
        List<String> unused = new java.util.ArrayList<>();
        int granted = 0;
        while (m.find()) {
            granted++;
            List<String> names = calls.get(m.group(1));
            if (names == null || names.stream().noneMatch(source::contains)) {
                unused.add(m.group(1));
            }
        }
        assertTrue(granted >= 5, "the allocation statement was found");
        assertEquals(List.of(), unused, "granted but never called");
    }

    @Test
    void table_isOnDemandWithRecoveryTtlAndDeletionProtection() throws Exception {
        Map<String, Object> hcl = parse(ROOT.resolve("modules/table/main.tf"));
        Map<String, Object> table = block(hcl, "resource", "aws_dynamodb_table", "this");
        assertEquals("PAY_PER_REQUEST", table.get("billing_mode"));
        assertEquals("expiresAt", block(table, "ttl").get("attribute_name"));
        assertFalse(block(table, "point_in_time_recovery").isEmpty());
        assertEquals("var.deletion_protection", String.valueOf(table.get("deletion_protection_enabled")));
    }

    @Test
    void alarms_watchPoolUseOutcomesAndControllerErrors_withTheMetricNamesTheApplierWrites() throws Exception {
        Path main = ROOT.resolve("modules/alarms/main.tf");
        Map<String, Object> alarms = block(parse(main), "resource", "aws_cloudwatch_metric_alarm");
        Map<String, Object> pool = block(alarms, "pool_use");
        assertEquals("PoolUsePercent", pool.get("metric_name"));
        assertEquals("Maximum", pool.get("statistic"));
        assertEquals("GreaterThanOrEqualToThreshold", pool.get("comparison_operator"));
        assertEquals("var.pool_use_threshold_percent", String.valueOf(pool.get("threshold")));
        assertEquals(80, ((Number) block(parse(ROOT.resolve("modules/alarms/variables.tf")), "variable",
                "pool_use_threshold_percent").get("default")).intValue());
        assertEquals("Outcomes", block(alarms, "outcome").get("metric_name"));
        assertEquals("ControllerErrors", block(alarms, "controller_errors").get("metric_name"));
        for (String name : List.of("pool_use", "outcome", "controller_errors")) {
            assertEquals("var.metrics_namespace", String.valueOf(block(alarms, name).get("namespace")), name);
        }
        // the existing alarms stay: dead-letter depth, function errors and throttles
        assertEquals("ApproximateNumberOfMessagesVisible", block(alarms, "dlq_depth").get("metric_name"));
        assertFalse(block(alarms, "function").isEmpty());
        String text = Files.readString(main);
        assertTrue(text.contains("toset([\"Refused\", \"Failed\"])"), "outcome alarms for Refused and Failed");
        assertTrue(text.contains("resource \"aws_cloudwatch_dashboard\" \"this\""));
        assertEquals(io.gatewarden.applier.metrics.ApplierMetrics.NAMESPACE, block(parse(ROOT.resolve(
                "modules/alarms/variables.tf")), "variable", "metrics_namespace").get("default"));
        java.util.regex.Matcher m = Pattern.compile("metric_name\\s*=\\s*\"([A-Za-z]+)\"|MetricName=\\\\\"([A-Za-z]+)\\\\\"")
                .matcher(text);
        java.util.Set<String> used = new java.util.TreeSet<>();
        while (m.find()) {
            used.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        used.removeAll(List.of("ApproximateNumberOfMessagesVisible"));
        assertTrue(used.containsAll(List.of("PoolUsePercent", "Outcomes", "ControllerErrors", "AdmissionToApplied",
                "ControllerCalls", "ParentBuilds")), used.toString());
        assertTrue(io.gatewarden.applier.metrics.ApplierMetrics.METRICS.containsAll(used),
                "alarms or dashboard query metrics the applier does not write: " + used);
    }
}
