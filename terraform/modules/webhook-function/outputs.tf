output "function_url" {
  description = "HTTPS URL for the webhook configurations' clientConfig.url (append /validate or /mutate)."
  value       = aws_lambda_function_url.this.function_url
}

output "function_name" {
  description = "Name of the webhook function."
  value       = aws_lambda_function.this.function_name
}
