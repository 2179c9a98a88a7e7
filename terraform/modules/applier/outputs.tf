output "function_name" {
  description = "Name of the applier function."
  value       = try(aws_lambda_function.this["applier"].function_name, null)
}

output "reconcile_function_name" {
  description = "Name of the scheduled reconcile function."
  value       = try(aws_lambda_function.this["reconcile"].function_name, null)
}

output "role_arn" {
  description = "ARN of the applier function's role."
  value       = try(aws_iam_role.this["applier"].arn, null)
}

output "reconcile_role_arn" {
  description = "ARN of the reconcile function's role (it cannot consume the change queue)."
  value       = try(aws_iam_role.this["reconcile"].arn, null)
}

output "reconcile_dead_letter_queue_arn" {
  description = "The queue that holds scheduled reconcile events EventBridge could not deliver."
  value       = try(aws_sqs_queue.reconcile_dlq[0].arn, null)
}
