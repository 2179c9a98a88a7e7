output "queue_url" {
  description = "URL of the FIFO change queue."
  value       = try(aws_sqs_queue.this[0].id, null)
}

output "queue_arn" {
  description = "ARN of the FIFO change queue."
  value       = try(aws_sqs_queue.this[0].arn, null)
}

output "queue_name" {
  description = "Name of the FIFO change queue."
  value       = try(aws_sqs_queue.this[0].name, null)
}

output "dlq_arn" {
  description = "ARN of the dead-letter queue."
  value       = try(aws_sqs_queue.dlq[0].arn, null)
}

output "dlq_name" {
  description = "Name of the dead-letter queue."
  value       = try(aws_sqs_queue.dlq[0].name, null)
}
