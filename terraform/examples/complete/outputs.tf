output "queue_url" {
  description = "FIFO change queue (gatewarden.publish.queue-url)."
  value       = module.queue.queue_url
}

output "table_name" {
  description = "Allocation table (gatewarden.applier.table)."
  value       = module.table.table_name
}

output "function_url" {
  description = "Webhook function URL for infra/deploy/serverless/webhooks.yaml."
  value       = module.webhook.function_url
}
