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
