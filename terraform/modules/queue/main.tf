resource "aws_sqs_queue" "dlq" {
  count = var.create ? 1 : 0

  name                        = "${var.name}-dlq.fifo"
  fifo_queue                  = true
  content_based_deduplication = false
  message_retention_seconds   = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled     = var.kms_key_arn == null
  kms_master_key_id           = var.kms_key_arn
  tags                        = var.tags
}

resource "aws_sqs_queue" "this" {
  count = var.create ? 1 : 0

  name                        = "${var.name}.fifo"
  fifo_queue                  = true
  content_based_deduplication = false # the webhook sets MessageDeduplicationId = event id
  deduplication_scope         = "messageGroup"
  fifo_throughput_limit       = "perMessageGroupId"
  visibility_timeout_seconds  = var.visibility_timeout_seconds
  message_retention_seconds   = var.message_retention_seconds
  sqs_managed_sse_enabled     = var.kms_key_arn == null
  kms_master_key_id           = var.kms_key_arn
  tags                        = var.tags

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq[0].arn
    maxReceiveCount     = var.dlq_max_receive_count
  })

  lifecycle {
    precondition {
      condition     = var.visibility_timeout_seconds >= 6 * var.consumer_timeout_seconds
      error_message = "visibility_timeout_seconds must be at least 6 x consumer_timeout_seconds, or messages are received twice while still being processed."
    }
  }
}

resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  count = var.create ? 1 : 0

  queue_url = aws_sqs_queue.dlq[0].id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this[0].arn]
  })
}
