{{- define "dockerguard.fullname" -}}
{{- printf "%s" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dockerguard.labels" -}}
app.kubernetes.io/name: dockerguard
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "dockerguard.selectorLabels" -}}
app.kubernetes.io/name: dockerguard
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "dockerguard.serviceName" -}}
{{ include "dockerguard.fullname" . }}.{{ .Release.Namespace }}.svc
{{- end -}}
