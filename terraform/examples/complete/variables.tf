variable "region" {
  description = "AWS region."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "gatewarden"
}

variable "cluster_name" {
  description = "Name of the Kubernetes cluster the webhook guards."
  type        = string
}

variable "controller_url" {
  description = "Avi controller URL the applier drives."
  type        = string
}

variable "applier_package" {
  description = "Zip of applier-function's jar and dependencies."
  type        = string
}

variable "webhook_package" {
  description = "Zip of webhook/target/gatewarden.jar and webhook/target/lib."
  type        = string
}

variable "alarm_actions" {
  description = "ARNs notified by the alarms."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { project = "gatewarden" }
}
