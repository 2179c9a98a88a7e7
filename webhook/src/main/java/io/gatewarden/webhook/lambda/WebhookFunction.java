package io.gatewarden.webhook.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * The serverless webhook: AWS Lambda behind a function URL (payload format 2.0) serving the same controllers
 * as the HTTPS server ({@code /validate}, {@code /mutate}; {@code /check} only when enabled). Handler:
 * {@code io.gatewarden.webhook.lambda.WebhookFunction::handleRequest}. TLS is the function URL's; set
 * {@code GATEWARDEN_CLUSTER_SOURCE=API} (and {@code GATEWARDEN_CLUSTER_KUBECONFIG_SECRET_ARN} or the
 * {@code GATEWARDEN_CLUSTER_EKS_*} keys) so the cluster view reads
 * through the Kubernetes API with a short TTL cache instead of watches.
 */
public class WebhookFunction extends APIGatewayV2HTTPEventFunction {

    /** Used by the Lambda runtime. */
    public WebhookFunction() {
        super();
    }

    /** For tests and embedding: serve from an already started context. */
    public WebhookFunction(ApplicationContext context) {
        super(context);
    }
}
