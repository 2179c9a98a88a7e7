# A secret whose value is set out of band (aws secretsmanager put-secret-value), never through Terraform state:
# the Avi / LoxiLB controller credentials and the applier's Kubernetes token as JSON, or (a second instance) the
# kubeconfig of the serverless webhook's read-only cluster view. One secret per reader, so no role reads another's.
resource "aws_secretsmanager_secret" "this" {
  count = var.create ? 1 : 0

  name                    = var.name
  description             = var.description
  recovery_window_in_days = var.recovery_window_in_days
  tags                    = var.tags
}
