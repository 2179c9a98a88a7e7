data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  functions = {
    applier   = { name = var.name, handler = "io.gatewarden.applier.handler.ApplierHandler" }
    reconcile = { name = "${var.name}-reconcile", handler = "io.gatewarden.applier.handler.ReconcileHandler" }
  }
  log_group_arns = [for f in local.functions :
  "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/${f.name}:*"]
}

resource "aws_cloudwatch_log_group" "this" {
  for_each          = local.functions
  name              = "/aws/lambda/${each.value.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

# Least privilege: every statement names its actions and resources.
data "aws_iam_policy_document" "this" {
  statement {
    sid       = "ConsumeChanges"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
    resources = [var.queue_arn]
  }
  statement {
    # Build jobs: one per Ingress shard or dedicated host, coalesced, in the parent's message group.
    sid       = "QueueBuildJobs"
    actions   = ["sqs:SendMessage"]
    resources = [var.queue_arn]
  }
  statement {
    sid = "Allocations"
    actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
    "dynamodb:Query", "dynamodb:Scan"]
    resources = [var.table_arn]
  }
  statement {
    sid       = "Credentials"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [var.secret_arn]
  }
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = local.log_group_arns
  }
}

resource "aws_iam_role_policy" "this" {
  name   = var.name
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

resource "aws_lambda_function" "this" {
  for_each         = local.functions
  function_name    = each.value.name
  role             = aws_iam_role.this.arn
  runtime          = var.runtime
  handler          = each.value.handler
  filename         = var.jar_path
  source_code_hash = filebase64sha256(var.jar_path)
  memory_size      = var.memory_mb
  timeout          = var.timeout_seconds
  # The reconcile runs one at a time; the applier is throttled by the event source mapping's maximum concurrency,
  # which, unlike reserved concurrency, never throttles the Lambda service's SQS pollers into retries.
  reserved_concurrent_executions = each.key == "applier" ? -1 : 1
  publish                        = var.snap_start
  tags                           = var.tags

  dynamic "snap_start" {
    for_each = var.snap_start ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  environment {
    variables = merge(local.controller_environment, {
      GATEWARDEN_APPLIER_TABLE           = var.table_name
      GATEWARDEN_APPLIER_CLUSTER         = var.cluster_name
      GATEWARDEN_APPLIER_BUILD_QUEUE_URL = var.queue_url
      JAVA_TOOL_OPTIONS                  = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    }, var.environment)
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]
}

resource "aws_lambda_event_source_mapping" "this" {
  event_source_arn                   = var.queue_arn
  function_name                      = var.snap_start ? aws_lambda_function.this["applier"].qualified_arn : aws_lambda_function.this["applier"].arn
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_seconds
  function_response_types            = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.maximum_concurrency
  }
}

resource "aws_cloudwatch_event_rule" "reconcile" {
  name                = "${var.name}-reconcile"
  description         = "Gatewarden reconcile: release orphaned VIPs, re-drive lost changes"
  schedule_expression = var.reconcile_schedule
  tags                = var.tags
}

resource "aws_cloudwatch_event_target" "reconcile" {
  rule = aws_cloudwatch_event_rule.reconcile.name
  arn  = aws_lambda_function.this["reconcile"].arn

  retry_policy {
    maximum_retry_attempts       = var.reconcile_retry_attempts
    maximum_event_age_in_seconds = var.reconcile_max_event_age_seconds
  }

  dead_letter_config {
    arn = aws_sqs_queue.reconcile_dlq.arn
  }
}

# Schedule events EventBridge could not deliver to the reconcile after its retries.
resource "aws_sqs_queue" "reconcile_dlq" {
  name                    = "${var.name}-reconcile-dlq"
  sqs_managed_sse_enabled = true
  tags                    = var.tags
}

data "aws_iam_policy_document" "reconcile_dlq" {
  statement {
    sid       = "EventBridgeDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.reconcile_dlq.arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.reconcile.arn]
    }
  }
}

resource "aws_sqs_queue_policy" "reconcile_dlq" {
  queue_url = aws_sqs_queue.reconcile_dlq.id
  policy    = data.aws_iam_policy_document.reconcile_dlq.json
}

resource "aws_lambda_permission" "reconcile" {
  statement_id  = "AllowEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this["reconcile"].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.reconcile.arn
}

# The controller this applier drives: its URL and the secret with its credentials, under the keys the applier
# reads (gatewarden.applier.<avi|loxilb>.url / .secret-arn).
locals {
  controller_environment = var.load_balancer == "loxilb" ? {
    GATEWARDEN_APPLIER_LOXILB_URL        = var.controller_url
    GATEWARDEN_APPLIER_LOXILB_SECRET_ARN = var.secret_arn
    } : {
    GATEWARDEN_APPLIER_AVI_URL        = var.controller_url
    GATEWARDEN_APPLIER_AVI_SECRET_ARN = var.secret_arn
  }
}
