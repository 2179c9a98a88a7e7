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
  description = "Name of the Kubernetes cluster the webhook guards (carried in every change event)."
  type        = string
}

variable "eks_cluster_name" {
  description = "An EKS cluster to read with tokens the function's role signs; null: a kubeconfig secret is made instead."
  type        = string
  default     = null
}

variable "webhook_package" {
  description = "The webhook function's Lambda package, built by ./mvnw package (classes plus lib/)."
  type        = string
  default     = "../../../webhook/target/gatewarden-webhook-lambda.zip"
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = { project = "gatewarden" }
}
