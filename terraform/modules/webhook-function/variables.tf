variable "create" {
  description = "Whether to create anything; false makes the module a no-op (outputs null), as in terraform-aws-modules."
  type        = bool
  default     = true
}

variable "name" {
  description = "Function name, e.g. gatewarden-webhook."
  type        = string
}

variable "jar_path" {
  description = "Deployment package: webhook/target/gatewarden-webhook-lambda.zip, built by ./mvnw package."
  type        = string
}

variable "runtime" {
  description = "Lambda Java runtime."
  type        = string
  default     = "java21"

  validation {
    condition     = contains(["java17", "java21"], var.runtime)
    error_message = "runtime must be java17 or java21."
  }
}

variable "memory_mb" {
  description = "Memory (and so CPU) of the function."
  type        = number
  default     = 1024
}

variable "timeout_seconds" {
  description = "Function timeout; keep it below the webhook configurations' timeoutSeconds (5)."
  type        = number
  default     = 4

  validation {
    condition     = var.timeout_seconds <= 5
    error_message = "The API server waits at most timeoutSeconds (5) for the webhook."
  }
}

variable "snap_start" {
  description = "Enable SnapStart on published versions (cuts Java cold starts on the admission path)."
  type        = bool
  default     = true
}

variable "queue_arn" {
  description = "ARN of the FIFO change queue the webhook publishes to."
  type        = string
}

variable "queue_url" {
  description = "URL of the FIFO change queue."
  type        = string
}

variable "secret_arn" {
  description = "ARN of the secret whose string is the kubeconfig the cluster view reads with (read at start and again on a 401); the function's role reads this secret only. Null when eks is set."
  type        = string
  default     = null
}

variable "eks" {
  description = "An EKS cluster read with tokens signed by the function's role (no stored token): name, API endpoint and CA (base64). The role needs an EKS access entry with read-only access."
  type = object({
    cluster_name               = string
    endpoint                   = string
    certificate_authority_data = string
  })
  default = null
}

variable "cluster_name" {
  description = "Cluster name carried in every ChangeEvent."
  type        = string
}

variable "log_retention_days" {
  description = "CloudWatch log retention."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}

variable "layers" {
  description = "Lambda layer ARNs added to the function(s), e.g. a kubeconfig file or an extension."
  type        = list(string)
  default     = []
}

variable "vpc_subnet_ids" {
  description = "Subnets to run the function(s) in (a private API server, a controller only reachable in the VPC); empty: no VPC. The role then gets AWSLambdaVPCAccessExecutionRole."
  type        = list(string)
  default     = []
}

variable "vpc_security_group_ids" {
  description = "Security groups of the function(s) when vpc_subnet_ids is set."
  type        = list(string)
  default     = []
}

variable "tracing_mode" {
  description = "X-Ray tracing: PassThrough or Active (Active attaches AWSXRayDaemonWriteAccess to the role)."
  type        = string
  default     = "PassThrough"

  validation {
    condition     = contains(["PassThrough", "Active"], var.tracing_mode)
    error_message = "tracing_mode must be PassThrough or Active."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key of the change queue and the log groups (null: AWS managed encryption); the role may use it to encrypt and decrypt."
  type        = string
  default     = null
}

variable "environment" {
  description = "Extra environment variables: Gatewarden settings written as GATEWARDEN_ variables, e.g. GATEWARDEN_ADMISSION_MODE = WARN."
  type        = map(string)
  default     = {}
}

variable "authorization_type" {
  description = "Function URL authorization: NONE (the API server cannot sign requests; the default) or AWS_IAM (behind a signing front: API Gateway or CloudFront with mutual TLS, see terraform/README.md)."
  type        = string
  default     = "NONE"

  validation {
    condition     = contains(["NONE", "AWS_IAM"], var.authorization_type)
    error_message = "authorization_type must be NONE or AWS_IAM."
  }
}
