variable "create" {
  description = "Whether to create anything; false makes the module a no-op (outputs null), as in terraform-aws-modules."
  type        = bool
  default     = true
}

variable "name" {
  description = "Queue name without the .fifo suffix, e.g. gatewarden-changes."
  type        = string
}

variable "consumer_timeout_seconds" {
  description = "Timeout of the function that consumes the queue; the visibility timeout must be at least 6 times it."
  type        = number
}

variable "visibility_timeout_seconds" {
  description = "How long a received message stays invisible; at least 6 x consumer_timeout_seconds (AWS guidance for Lambda)."
  type        = number
  default     = 360
}

variable "message_retention_seconds" {
  description = "How long messages are kept (default 4 days)."
  type        = number
  default     = 345600
}

variable "dlq_max_receive_count" {
  description = "Receives before a message moves to the dead-letter queue."
  type        = number
  default     = 5

  validation {
    condition     = var.dlq_max_receive_count >= 1 && var.dlq_max_receive_count <= 1000
    error_message = "dlq_max_receive_count must be between 1 and 1000."
  }
}

variable "dlq_message_retention_seconds" {
  description = "How long dead letters are kept (default 14 days, the maximum)."
  type        = number
  default     = 1209600
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for both queues (null: SQS managed encryption). The producers and the consumer need kms:GenerateDataKey and kms:Decrypt on it (the function modules' kms_key_arn grants them)."
  type        = string
  default     = null
}
