variable "create" {
  description = "Whether to create anything; false makes the module a no-op (outputs null), as in terraform-aws-modules."
  type        = bool
  default     = true
}

variable "name" {
  description = "DynamoDB table name, e.g. gatewarden-allocations."
  type        = string
}

variable "deletion_protection" {
  description = "Refuse to delete the table (it holds every VIP allocation)."
  type        = bool
  default     = true
}

variable "point_in_time_recovery" {
  description = "Continuous backups."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags for the table."
  type        = map(string)
  default     = {}
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for the table (null: the AWS owned key)."
  type        = string
  default     = null
}
