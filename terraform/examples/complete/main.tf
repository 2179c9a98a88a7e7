locals {
  applier_timeout_seconds = 60
}

module "queue" {
  source                     = "../../modules/queue"
  name                       = "${var.name}-changes"
  consumer_timeout_seconds   = local.applier_timeout_seconds
  visibility_timeout_seconds = 6 * local.applier_timeout_seconds
  tags                       = var.tags
}

module "table" {
  source = "../../modules/table"
  name   = "${var.name}-allocations"
  tags   = var.tags
}

module "secret" {
  source = "../../modules/controller-secret"
  name   = "${var.name}/controllers"
  tags   = var.tags
}

# The internet-facing webhook function reads only this one: the kubeconfig of its read-only cluster view, never
# the controller credentials.
module "webhook_secret" {
  source      = "../../modules/controller-secret"
  name        = "${var.name}/webhook-cluster"
  description = "Gatewarden webhook: the kubeconfig of its read-only cluster view"
  tags        = var.tags
}

module "applier" {
  source          = "../../modules/applier"
  name            = "${var.name}-applier"
  jar_path        = var.applier_package
  timeout_seconds = local.applier_timeout_seconds
  queue_arn       = module.queue.queue_arn
  queue_url       = module.queue.queue_url
  table_arn       = module.table.table_arn
  table_name      = module.table.table_name
  secret_arn      = module.secret.secret_arn
  load_balancer   = "avi"
  controller_url  = var.controller_url
  cluster_name    = var.cluster_name
  tags            = var.tags
}

module "webhook" {
  source       = "../../modules/webhook-function"
  name         = "${var.name}-webhook"
  jar_path     = var.webhook_package
  queue_arn    = module.queue.queue_arn
  queue_url    = module.queue.queue_url
  secret_arn   = module.webhook_secret.secret_arn
  cluster_name = var.cluster_name
  tags         = var.tags
}

module "alarms" {
  source         = "../../modules/alarms"
  name_prefix    = var.name
  dlq_name       = module.queue.dlq_name
  region         = var.region
  function_names = [module.applier.function_name, module.applier.reconcile_function_name, module.webhook.function_name]
  alarm_actions  = var.alarm_actions
  tags           = var.tags
}
