data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
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

data "aws_iam_policy_document" "this" {
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
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:/aws/lambda/${var.name}:*"]
  }
}

resource "aws_iam_role_policy" "this" {
  name   = var.name
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.this.json
}

resource "aws_lambda_function" "this" {
  function_name    = var.name
  role             = aws_iam_role.this.arn
  runtime          = var.runtime
  handler          = "io.gatewarden.webhook.lambda.WebhookFunction::handleRequest"
  filename         = var.jar_path
  source_code_hash = filebase64sha256(var.jar_path)
  memory_size      = var.memory_mb
  timeout          = var.timeout_seconds
  publish          = var.snap_start
  tags             = var.tags

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
    })
  }

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy.this]

  lifecycle {
    precondition {
      condition     = var.secret_arn != null || var.eks != null
      error_message = "Give the webhook a way to read its cluster: secret_arn (a kubeconfig secret) or eks."
    }
  }
}

resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}

# The Kubernetes API server cannot sign AWS requests, so the URL is public (authorization NONE); admission is
# read-only for the caller and answers only AdmissionReviews. Restrict reachability at the network edge.
resource "aws_lambda_function_url" "this" {
  function_name      = aws_lambda_function.this.function_name
  qualifier          = aws_lambda_alias.live.name
  authorization_type = "NONE"
}
