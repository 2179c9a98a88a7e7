# Holds the Avi / LoxiLB controller credentials and the applier's Kubernetes token as JSON. Its value is set
# out of band (aws secretsmanager put-secret-value), never through Terraform state.
resource "aws_secretsmanager_secret" "this" {
  name                    = var.name
  description             = "Gatewarden: load-balancer controller credentials and the applier's Kubernetes token"
  recovery_window_in_days = var.recovery_window_in_days
  tags                    = var.tags
}
