variable "create" {
  description = "Whether to create anything; false makes the module a no-op (outputs null), as in terraform-aws-modules."
  type        = bool
  default     = true
}

variable "name" {
  description = "Secret name, e.g. gatewarden/controllers."
  type        = string
}

variable "description" {
  description = "What the secret holds."
  type        = string
  default     = "Gatewarden: load-balancer controller credentials and the applier's Kubernetes token"
}

variable "recovery_window_in_days" {
  description = "Days a deleted secret can still be restored."
  type        = number
  default     = 7
}

variable "tags" {
  description = "Tags for the secret."
  type        = map(string)
  default     = {}
}
