{{/* The name every object of this release carries. */}}
{{- define "gatewarden.fullname" -}}
{{- if contains "gatewarden" .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-gatewarden" .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "gatewarden.labels" -}}
app.kubernetes.io/name: gatewarden
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "gatewarden.selector" -}}
app.kubernetes.io/name: gatewarden
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: webhook
{{- end -}}

{{/* The webhooks' namespaceSelector: the value, or every namespace but kube-system and this one. */}}
{{- define "gatewarden.namespaceSelector" -}}
{{- if .Values.namespaceSelector -}}
{{ toYaml .Values.namespaceSelector }}
{{- else -}}
matchExpressions:
  - key: kubernetes.io/metadata.name
    operator: NotIn
    values: [kube-system, {{ .Release.Namespace }}]
{{- end -}}
{{- end -}}

{{- define "gatewarden.publishing" -}}
{{- if and .Values.publishing.enabled .Values.publishing.queueUrl -}}true{{- else -}}false{{- end -}}
{{- end -}}
