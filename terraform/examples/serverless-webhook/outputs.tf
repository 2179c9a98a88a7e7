output "function_url" {
  description = "The webhook's function URL: helm install ... --set serverless.url=<this, without the trailing slash>."
  value       = module.webhook.function_url
}

output "queue_url" {
  description = "The change queue an applier consumes."
  value       = module.queue.queue_url
}
