data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  functions = {
    applier   = { name = var.name, handler = "io.gatewarden.applier.handler.ApplierHandler" }
    reconcile = { name = "${var.name}-reconcile", handler = "io.gatewarden.applier.handler.ReconcileHandler" }
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each          = { for k, v in local.functions : k => v if var.create }
  name              = "/aws/lambda/${each.value.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "assume" {
  count = var.create ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# One role per function: the applier consumes the queue, the reconcile only reads the table, the cluster and the
# controller, and re-requests builds; neither holds the other's grants.
resource "aws_iam_role" "this" {
  for_each           = { for k, v in local.functions : k => v if var.create }
  name               = each.value.name
  assume_role_policy = data.aws_iam_policy_document.assume[0].json
  tags               = var.tags
}

locals {
  # The secrets a function reads: the controller credentials, and the cluster's kubeconfig when one is given.
  secret_arns = compact([var.secret_arn, var.cluster_secret_arn])
}

# Least privilege: every statement names its actions and resources.
data "aws_iam_policy_document" "this" {
  for_each = { for k, v in local.functions : k => v if var.create }

  dynamic "statement" {
    for_each = each.key == "applier" ? [1] : []
    content {
      sid       = "ConsumeChanges"
      actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
      resources = [var.queue_arn]
    }
  }
  statement {
    # Build jobs: one per Ingress shard or dedicated host, coalesced, in the parent's message group (the reconcile
    # asks again for the builds of Ingresses still waiting for one).
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
    resources = local.secret_arns
  }
  dynamic "statement" {
    # the change queue and the log groups under a customer managed key
    for_each = var.kms_key_arn == null ? [] : [1]
    content {
      sid       = "Encryption"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [var.kms_key_arn]
    }
  }
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/${each.value.name}:*"]
  }
}

resource "aws_iam_role_policy" "this" {
  for_each = { for k, v in local.functions : k => v if var.create }
  name     = each.value.name
  role     = aws_iam_role.this[each.key].id
  policy   = data.aws_iam_policy_document.this[each.key].json
}

# Managed policies only when their feature is on: ENIs in the VPC, X-Ray segments (their actions take no resource).
resource "aws_iam_role_policy_attachment" "vpc" {
  for_each   = { for k, v in local.functions : k => v if var.create && length(var.vpc_subnet_ids) > 0 }
  role       = aws_iam_role.this[each.key].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_iam_role_policy_attachment" "xray" {
  for_each   = { for k, v in local.functions : k => v if var.create && var.tracing_mode == "Active" }
  role       = aws_iam_role.this[each.key].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_lambda_function" "this" {
  for_each         = { for k, v in local.functions : k => v if var.create }
  function_name    = each.value.name
  role             = aws_iam_role.this[each.key].arn
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
  layers                         = var.layers

  tracing_config {
    mode = var.tracing_mode
  }

  dynamic "vpc_config" {
    for_each = length(var.vpc_subnet_ids) > 0 ? [1] : []
    content {
      subnet_ids         = var.vpc_subnet_ids
      security_group_ids = var.vpc_security_group_ids
    }
  }


  dynamic "snap_start" {
    for_each = var.snap_start ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  environment {
    variables = merge(local.controller_environment, local.cluster_environment, {
      GATEWARDEN_APPLIER_TABLE           = var.table_name
      GATEWARDEN_APPLIER_CLUSTER         = var.cluster_name
      GATEWARDEN_APPLIER_BUILD_QUEUE_URL = var.queue_url
      JAVA_TOOL_OPTIONS                  = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    }, var.environment)
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this, aws_iam_role_policy_attachment.vpc]
}

resource "aws_lambda_event_source_mapping" "this" {
  count = var.create ? 1 : 0

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
  count = var.create ? 1 : 0

  name                = "${var.name}-reconcile"
  description         = "Gatewarden reconcile: release orphaned VIPs, re-drive lost changes"
  schedule_expression = var.reconcile_schedule
  tags                = var.tags
}

resource "aws_cloudwatch_event_target" "reconcile" {
  count = var.create ? 1 : 0

  rule = aws_cloudwatch_event_rule.reconcile[0].name
  arn  = aws_lambda_function.this["reconcile"].arn

  retry_policy {
    maximum_retry_attempts       = var.reconcile_retry_attempts
    maximum_event_age_in_seconds = var.reconcile_max_event_age_seconds
  }

  dead_letter_config {
    arn = aws_sqs_queue.reconcile_dlq[0].arn
  }
}

# Schedule events EventBridge could not deliver to the reconcile after its retries.
resource "aws_sqs_queue" "reconcile_dlq" {
  count = var.create ? 1 : 0

  name                    = "${var.name}-reconcile-dlq"
  sqs_managed_sse_enabled = true
  tags                    = var.tags
}

data "aws_iam_policy_document" "reconcile_dlq" {
  count = var.create ? 1 : 0

  statement {
    sid       = "EventBridgeDeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.reconcile_dlq[0].arn]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.reconcile[0].arn]
    }
  }
}

resource "aws_sqs_queue_policy" "reconcile_dlq" {
  count = var.create ? 1 : 0

  queue_url = aws_sqs_queue.reconcile_dlq[0].id
  policy    = data.aws_iam_policy_document.reconcile_dlq[0].json
}

resource "aws_lambda_permission" "reconcile" {
  count = var.create ? 1 : 0

  statement_id  = "AllowEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this["reconcile"].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.reconcile[0].arn
}

# How the functions reach the cluster: EKS tokens signed by their roles, else the kubeconfig in the cluster secret
# (read at start and again on a 401), else GATEWARDEN_APPLIER_KUBECONFIG in `environment`.
locals {
  cluster_environment = merge(
    var.cluster_secret_arn == null ? {} : { GATEWARDEN_APPLIER_KUBECONFIG_SECRET_ARN = var.cluster_secret_arn },
    var.eks == null ? {} : {
      GATEWARDEN_APPLIER_EKS_CLUSTER               = var.eks.cluster_name
      GATEWARDEN_APPLIER_EKS_ENDPOINT              = var.eks.endpoint
      GATEWARDEN_APPLIER_EKS_CERTIFICATE_AUTHORITY = var.eks.certificate_authority_data
  })
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
