output "function_url" {
  description = "HTTPS URL for the webhook configurations' clientConfig.url (append /validate or /mutate)."
  value       = try(aws_lambda_function_url.this[0].function_url, null)
}

output "function_name" {
  description = "Name of the webhook function."
  value       = try(aws_lambda_function.this[0].function_name, null)
}
