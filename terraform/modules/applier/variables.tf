variable "create" {
  description = "Whether to create anything; false makes the module a no-op (outputs null), as in terraform-aws-modules."
  type        = bool
  default     = true
}

variable "name" {
  description = "Function name, e.g. gatewarden-applier; the reconcile function is <name>-reconcile."
  type        = string
}

variable "jar_path" {
  description = "Deployment package: a zip of applier-function's jar and its dependencies (lib/)."
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
  description = "Function timeout; the queue's visibility timeout must be at least 6 times it."
  type        = number
  default     = 60
}

variable "snap_start" {
  description = "Enable SnapStart on published versions (cuts Java cold starts)."
  type        = bool
  default     = true
}

variable "maximum_concurrency" {
  description = "Concurrent applier invocations the SQS event source mapping starts at most (2-1000); bounds the load on DynamoDB and the controller APIs."
  type        = number
  default     = 10

  validation {
    condition     = var.maximum_concurrency >= 2 && var.maximum_concurrency <= 1000
    error_message = "maximum_concurrency must be between 2 and 1000 (the event source mapping's limits)."
  }
}

variable "reconcile_retry_attempts" {
  description = "Times EventBridge retries a scheduled reconcile it could not deliver (0-185) before its dead-letter queue."
  type        = number
  default     = 2
}

variable "reconcile_max_event_age_seconds" {
  description = "Age after which EventBridge stops retrying a scheduled reconcile (60-86400 s)."
  type        = number
  default     = 3600
}

variable "queue_arn" {
  description = "ARN of the FIFO change queue the function consumes."
  type        = string
}

variable "queue_url" {
  description = "URL of the same FIFO change queue: the applier sends the build jobs of Ingress shards to it."
  type        = string
}

variable "batch_size" {
  description = "Messages per invocation (FIFO: at most 10)."
  type        = number
  default     = 10

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10
    error_message = "batch_size must be 1..10 for a FIFO queue."
  }
}

variable "maximum_batching_window_seconds" {
  description = "Batching window; SQS FIFO event sources do not support one, so it must stay 0."
  type        = number
  default     = 0

  validation {
    condition     = var.maximum_batching_window_seconds == 0
    error_message = "FIFO queues do not support a batching window."
  }
}

variable "table_arn" {
  description = "ARN of the allocation table."
  type        = string
}

variable "table_name" {
  description = "Name of the allocation table."
  type        = string
}

variable "secret_arn" {
  description = "ARN of the Secrets Manager secret with the controller credentials, JSON {\"username\", \"password\"}."
  type        = string
}

variable "cluster_secret_arn" {
  description = "ARN of the secret whose string is the kubeconfig the functions read the cluster with (read at start and again on a 401). Null: use eks, or GATEWARDEN_APPLIER_KUBECONFIG in environment."
  type        = string
  default     = null
}

variable "eks" {
  description = "An EKS cluster reached with tokens signed by the functions' roles (no stored token): name, API endpoint and CA (base64), e.g. from data.aws_eks_cluster. The roles need an EKS access entry."
  type = object({
    cluster_name               = string
    endpoint                   = string
    certificate_authority_data = string
  })
  default = null
}

variable "load_balancer" {
  description = "Which controller this applier drives: avi or loxilb."
  type        = string
  default     = "avi"

  validation {
    condition     = contains(["avi", "loxilb"], var.load_balancer)
    error_message = "load_balancer must be avi or loxilb."
  }
}

variable "controller_url" {
  description = "Controller API base URL, e.g. https://avi.example.net or http://loxilb:11111/netlox/v1."
  type        = string
}

variable "cluster_name" {
  description = "Cluster whose objects the reconcile reads."
  type        = string
}

variable "reconcile_schedule" {
  description = "EventBridge schedule expression of the reconcile."
  type        = string
  default     = "rate(5 minutes)"
}

variable "environment" {
  description = "Extra environment variables: gatewarden.applier keys written as GATEWARDEN_APPLIER_ variables."
  type        = map(string)
  default     = {}
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
