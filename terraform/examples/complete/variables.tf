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
  description = "The applier's Lambda package, built by ./mvnw package (classes plus lib/)."
  type        = string
  default     = "../../../applier-function/target/gatewarden-applier-lambda.zip"
}

variable "webhook_package" {
  description = "The webhook function's Lambda package, built by ./mvnw package (classes plus lib/)."
  type        = string
  default     = "../../../webhook/target/gatewarden-webhook-lambda.zip"
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
