output "secret_arn" {
  description = "ARN of the credentials secret."
  value       = try(aws_secretsmanager_secret.this[0].arn, null)
}
