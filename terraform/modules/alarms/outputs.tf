output "alarm_names" {
  description = "Names of every alarm."
  value = concat([aws_cloudwatch_metric_alarm.dlq_depth.alarm_name, aws_cloudwatch_metric_alarm.pool_use.alarm_name],
    [for a in aws_cloudwatch_metric_alarm.function : a.alarm_name],
    [for a in aws_cloudwatch_metric_alarm.outcome : a.alarm_name],
  [for a in aws_cloudwatch_metric_alarm.controller_errors : a.alarm_name])
}

output "dashboard_name" {
  description = "Name of the applier's CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}
