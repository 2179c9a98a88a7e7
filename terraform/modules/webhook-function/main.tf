data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_cloudwatch_log_group" "this" {
  count = var.create ? 1 : 0

  name              = "/aws/lambda/${var.name}"
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

resource "aws_iam_role" "this" {
  count = var.create ? 1 : 0

  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.assume[0].json
  tags               = var.tags
}

data "aws_iam_policy_document" "this" {
  count = var.create ? 1 : 0

  statement {
    sid       = "PublishChanges"
    actions   = ["sqs:SendMessage"]
    resources = [var.queue_arn]
  }
  dynamic "statement" {
    for_each = var.secret_arn == null ? [] : [1]
    content {
      sid       = "Kubeconfig"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [var.secret_arn]
    }
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
    resources = ["arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/${var.name}:*"]
  }
}

resource "aws_iam_role_policy" "this" {
  count = var.create ? 1 : 0

  name   = var.name
  role   = aws_iam_role.this[0].id
  policy = data.aws_iam_policy_document.this[0].json
}

# Managed policies only when their feature is on: ENIs in the VPC, X-Ray segments (their actions take no resource).
resource "aws_iam_role_policy_attachment" "vpc" {
  count      = var.create && length(var.vpc_subnet_ids) > 0 ? 1 : 0
  role       = aws_iam_role.this[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_iam_role_policy_attachment" "xray" {
  count      = var.create && var.tracing_mode == "Active" ? 1 : 0
  role       = aws_iam_role.this[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
}

resource "aws_lambda_function" "this" {
  count = var.create ? 1 : 0

  function_name    = var.name
  role             = aws_iam_role.this[0].arn
  runtime          = var.runtime
  handler          = "io.gatewarden.webhook.lambda.WebhookFunction::handleRequest"
  filename         = var.jar_path
  source_code_hash = filebase64sha256(var.jar_path)
  memory_size      = var.memory_mb
  timeout          = var.timeout_seconds
  publish          = var.snap_start
  tags             = var.tags
  layers           = var.layers

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
    variables = merge({
      GATEWARDEN_CLUSTER_SOURCE       = "API"
      GATEWARDEN_PUBLISH_ENABLED      = "true"
      GATEWARDEN_PUBLISH_QUEUE_URL    = var.queue_url
      GATEWARDEN_PUBLISH_CLUSTER_NAME = var.cluster_name
      },
      var.secret_arn == null ? {} : { GATEWARDEN_CLUSTER_KUBECONFIG_SECRET_ARN = var.secret_arn },
      var.eks == null ? {} : {
        GATEWARDEN_CLUSTER_EKS_CLUSTER               = var.eks.cluster_name
        GATEWARDEN_CLUSTER_EKS_ENDPOINT              = var.eks.endpoint
        GATEWARDEN_CLUSTER_EKS_CERTIFICATE_AUTHORITY = var.eks.certificate_authority_data
      },
      { JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" },
    var.environment)
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this, aws_iam_role_policy_attachment.vpc]

  lifecycle {
    precondition {
      condition     = var.secret_arn != null || var.eks != null
      error_message = "Give the webhook a way to read its cluster: secret_arn (a kubeconfig secret) or eks."
    }
  }
}

resource "aws_lambda_alias" "live" {
  count = var.create ? 1 : 0

  name             = "live"
  function_name    = aws_lambda_function.this[0].function_name
  function_version = aws_lambda_function.this[0].version
}

# The Kubernetes API server cannot sign AWS requests, so the URL is public by default (authorization NONE): the
# events it publishes are hints the applier re-reads from the cluster, so what remains is denial of service.
# AWS_IAM is for callers that sign (an API Gateway or CloudFront front with mutual TLS; terraform/README.md).
resource "aws_lambda_function_url" "this" {
  count = var.create ? 1 : 0

  function_name      = aws_lambda_function.this[0].function_name
  qualifier          = aws_lambda_alias.live[0].name
  authorization_type = var.authorization_type
}
