output "function_name" {
  description = "Name of the applier function."
  value       = aws_lambda_function.this["applier"].function_name
}

output "reconcile_function_name" {
  description = "Name of the scheduled reconcile function."
  value       = aws_lambda_function.this["reconcile"].function_name
}

output "role_arn" {
  description = "ARN of the applier function's role."
  value       = aws_iam_role.this["applier"].arn
}

output "reconcile_role_arn" {
  description = "ARN of the reconcile function's role (it cannot consume the change queue)."
  value       = aws_iam_role.this["reconcile"].arn
}

output "reconcile_dead_letter_queue_arn" {
  description = "The queue that holds scheduled reconcile events EventBridge could not deliver."
  value       = aws_sqs_queue.reconcile_dlq.arn
}
