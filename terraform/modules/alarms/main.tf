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
  # Errors: invocations that failed; Throttles: reserved concurrency reached.
  function_metrics = { for pair in setproduct(var.function_names, ["Errors", "Throttles"]) :
  "${pair[0]}-${lower(pair[1])}" => { function = pair[0], metric = pair[1] } }
}

resource "aws_cloudwatch_metric_alarm" "function" {
  for_each            = local.function_metrics
  alarm_name          = "${var.name_prefix}-${each.key}"
  alarm_description   = "${each.value.metric} of ${each.value.function}."
  namespace           = "AWS/Lambda"
  metric_name         = each.value.metric
  dimensions          = { FunctionName = each.value.function }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  tags                = var.tags
}
