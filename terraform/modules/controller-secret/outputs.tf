output "secret_arn" {
  description = "ARN of the credentials secret."
  value       = aws_secretsmanager_secret.this.arn
}
