variable "name_prefix" {
  description = "Prefix of the alarm names."
  type        = string
}

variable "dlq_name" {
  description = "Dead-letter queue whose depth is watched."
  type        = string
}

variable "function_names" {
  description = "Functions whose errors and throttles are watched."
  type        = list(string)
}

variable "alarm_actions" {
  description = "ARNs notified when an alarm fires (e.g. an SNS topic)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags for every alarm."
  type        = map(string)
  default     = {}
}

variable "region" {
  description = "Region of the dashboard's metrics (the applier's region)."
  type        = string
}

variable "metrics_namespace" {
  description = "CloudWatch namespace of the applier's Embedded Metric Format metrics."
  type        = string
  default     = "Gatewarden/Applier"
}

variable "metrics_period" {
  description = "Period in seconds of the applier-metric alarms and the dashboard."
  type        = number
  default     = 300
  validation {
    condition     = var.metrics_period >= 60 && var.metrics_period % 60 == 0
    error_message = "metrics_period must be a multiple of 60 seconds, at least 60."
  }
}

variable "pool_use_threshold_percent" {
  description = "A VIP pool at or above this share of its addresses in use raises the pool alarm."
  type        = number
  default     = 80
  validation {
    condition     = var.pool_use_threshold_percent > 0 && var.pool_use_threshold_percent <= 100
    error_message = "pool_use_threshold_percent must be between 1 and 100."
  }
}

variable "controllers" {
  description = "Load-balancer controllers whose call errors raise an alarm, as the applier names them (Avi, loxilb)."
  type        = list(string)
  default     = ["Avi", "loxilb"]
}

variable "controller_errors_threshold" {
  description = "Controller errors per period above which the controller alarm fires."
  type        = number
  default     = 0
}
