output "alarm_names" {
  description = "Names of every alarm."
  value       = concat([aws_cloudwatch_metric_alarm.dlq_depth.alarm_name], [for a in aws_cloudwatch_metric_alarm.function : a.alarm_name])
}
