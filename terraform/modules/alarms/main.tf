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

# The applier's own metrics (Embedded Metric Format, namespace Gatewarden/Applier; see ApplierMetrics).

resource "aws_cloudwatch_metric_alarm" "pool_use" {
  alarm_name          = "${var.name_prefix}-vip-pool-nearly-full"
  alarm_description   = "A VIP pool has ${var.pool_use_threshold_percent} % or more of its addresses in use (gatewarden pools shows which)."
  namespace           = var.metrics_namespace
  metric_name         = "PoolUsePercent"
  statistic           = "Maximum"
  period              = var.metrics_period
  evaluation_periods  = 1
  threshold           = var.pool_use_threshold_percent
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "outcome" {
  for_each            = toset(["Refused", "Failed"])
  alarm_name          = "${var.name_prefix}-outcome-${lower(each.key)}"
  alarm_description   = "The applier recorded ${each.key} outcomes: the load balancer said no, or stayed unavailable (gatewarden dlq list)."
  namespace           = var.metrics_namespace
  metric_name         = "Outcomes"
  dimensions          = { Outcome = each.key }
  statistic           = "Sum"
  period              = var.metrics_period
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "controller_errors" {
  for_each            = toset(var.controllers)
  alarm_name          = "${var.name_prefix}-controller-errors-${lower(each.key)}"
  alarm_description   = "Calls to the ${each.key} controller answered an error or did not connect."
  namespace           = var.metrics_namespace
  metric_name         = "ControllerErrors"
  dimensions          = { Controller = each.key }
  statistic           = "Sum"
  period              = var.metrics_period
  evaluation_periods  = 1
  threshold           = var.controller_errors_threshold
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  tags                = var.tags
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = "${var.name_prefix}-applier"
  dashboard_body = jsonencode({
    widgets = [
      {
        type = "metric", x = 0, y = 0, width = 12, height = 6
        properties = {
          title   = "Outcomes by kind"
          region  = var.region
          stat    = "Sum"
          period  = var.metrics_period
          metrics = [[{ expression = "SEARCH('{${var.metrics_namespace},Kind,Outcome} MetricName=\"Outcomes\"', 'Sum', ${var.metrics_period})", id = "outcomes" }]]
        }
      },
      {
        type = "metric", x = 12, y = 0, width = 12, height = 6
        properties = {
          title  = "Admission to applied (ms)"
          region = var.region
          period = var.metrics_period
          metrics = [
            [{ expression = "SEARCH('{${var.metrics_namespace},Kind} MetricName=\"AdmissionToApplied\"', 'p50', ${var.metrics_period})", id = "p50" }],
            [{ expression = "SEARCH('{${var.metrics_namespace},Kind} MetricName=\"AdmissionToApplied\"', 'p99', ${var.metrics_period})", id = "p99" }]
          ]
        }
      },
      {
        type = "metric", x = 0, y = 6, width = 12, height = 6
        properties = {
          title  = "Controller calls and errors"
          region = var.region
          period = var.metrics_period
          metrics = [
            [{ expression = "SEARCH('{${var.metrics_namespace},Controller,Status} MetricName=\"ControllerCalls\"', 'Sum', ${var.metrics_period})", id = "calls" }],
            [{ expression = "SEARCH('{${var.metrics_namespace},Controller} MetricName=\"ControllerErrors\"', 'Sum', ${var.metrics_period})", id = "errors" }]
          ]
        }
      },
      {
        type = "metric", x = 12, y = 6, width = 12, height = 6
        properties = {
          title       = "VIP pool use (%)"
          region      = var.region
          period      = var.metrics_period
          metrics     = [[{ expression = "SEARCH('{${var.metrics_namespace},Pool} MetricName=\"PoolUsePercent\"', 'Maximum', ${var.metrics_period})", id = "pools" }]]
          annotations = { horizontal = [{ value = var.pool_use_threshold_percent, label = "alarm" }] }
        }
      },
      {
        type = "metric", x = 0, y = 12, width = 12, height = 6
        properties = {
          title   = "Parent builds by load balancer"
          region  = var.region
          period  = var.metrics_period
          metrics = [[{ expression = "SEARCH('{${var.metrics_namespace},Kind} MetricName=\"ParentBuilds\"', 'Sum', ${var.metrics_period})", id = "builds" }]]
        }
      },
      {
        type = "metric", x = 12, y = 12, width = 12, height = 6
        properties = {
          title   = "Dead-letter queue depth"
          region  = var.region
          period  = var.metrics_period
          stat    = "Maximum"
          metrics = [["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", var.dlq_name]]
        }
      }
    ]
  })
}
