output "table_name" {
  description = "Name of the allocation table."
  value       = try(aws_dynamodb_table.this[0].name, null)
}

output "table_arn" {
  description = "ARN of the allocation table."
  value       = try(aws_dynamodb_table.this[0].arn, null)
}
