# The webhook alone, serverless: a Lambda function behind a function URL that the cluster's webhook configurations
# call (infra/helm/gatewarden with serverless.url, or infra/deploy/serverless), publishing admitted changes to a FIFO
# queue for an applier deployed elsewhere (examples/complete deploys both).
locals {
  # the function answers within the API server's 5 s webhook timeout; a consumer of the queue sets its own timeout
  consumer_timeout_seconds = 60
}

module "queue" {
  source                     = "../../modules/queue"
  name                       = "${var.name}-changes"
  consumer_timeout_seconds   = local.consumer_timeout_seconds
  visibility_timeout_seconds = 6 * local.consumer_timeout_seconds
  tags                       = var.tags
}

# On EKS the function's role signs its own tokens (give it a read-only access entry); elsewhere the kubeconfig of
# its read-only view lives in this secret, set out of band, read by this function's role only.
data "aws_eks_cluster" "this" {
  count = var.eks_cluster_name == null ? 0 : 1
  name  = var.eks_cluster_name
}

module "webhook_secret" {
  source      = "../../modules/controller-secret"
  create      = var.eks_cluster_name == null
  name        = "${var.name}/webhook-cluster"
  description = "Gatewarden webhook: the kubeconfig of its read-only cluster view"
  tags        = var.tags
}

module "webhook" {
  source       = "../../modules/webhook-function"
  name         = "${var.name}-webhook"
  jar_path     = var.webhook_package
  queue_arn    = module.queue.queue_arn
  queue_url    = module.queue.queue_url
  secret_arn   = module.webhook_secret.secret_arn
  cluster_name = var.cluster_name
  eks = var.eks_cluster_name == null ? null : {
    cluster_name               = var.eks_cluster_name
    endpoint                   = data.aws_eks_cluster.this[0].endpoint
    certificate_authority_data = data.aws_eks_cluster.this[0].certificate_authority[0].data
  }
  tags = var.tags
}
