resource "aws_cloudwatch_metric_alarm" "dlq_depth" {
  alarm_name          = "${var.name_prefix}-dlq-not-empty"
  alarm_description   = "Changes the applier could not apply are waiting in the dead-letter queue."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = var.dlq_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  tags                = var.tags
}

locals {
  # "<function>|<metric>": Errors are failed invocations, Throttles mean the reserved concurrency was reached.
  function_metrics = toset([for pair in setproduct(var.function_names, ["Errors", "Throttles"]) : join("|", pair)])
}

resource "aws_cloudwatch_metric_alarm" "function" {
  for_each            = local.function_metrics
  alarm_name          = "${var.name_prefix}-${replace(lower(each.key), "|", "-")}"
  alarm_description   = "${split("|", each.key)[1]} of ${split("|", each.key)[0]}."
  namespace           = "AWS/Lambda"
  metric_name         = split("|", each.key)[1]
  dimensions          = { FunctionName = split("|", each.key)[0] }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  tags                = var.tags
}
