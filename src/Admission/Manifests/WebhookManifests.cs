using System.Text;
using k8s;
using k8s.Models;

namespace DockerGuard.Admission.Manifests;

/// <summary>
/// The objects the Helm chart installs, as plain Kubernetes objects for clusters without Helm:
/// Namespace, ServiceAccount, TLS Secret, policies ConfigMap, Deployment, PodDisruptionBudget,
/// Service and the ValidatingWebhookConfiguration (kubernetes-admission.md §4, §5, §8).
/// </summary>
public static class WebhookManifests
{
    public const int ContainerPort = 8443;

    public static IReadOnlyList<IKubernetesObject> Build(ManifestSettings s)
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "dockerguard", ["app.kubernetes.io/instance"] = s.Name };
        V1ObjectMeta Meta(string name) => new() { Name = name, NamespaceProperty = s.Namespace, Labels = new Dictionary<string, string>(labels) };

        return
        [
            new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = s.Namespace } },
            new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = Meta(s.Name), AutomountServiceAccountToken = false },
            new V1Secret
            {
                ApiVersion = "v1", Kind = "Secret", Metadata = Meta($"{s.Name}-tls"), Type = "kubernetes.io/tls",
                Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.ASCII.GetBytes(s.TlsCertPem), ["tls.key"] = Encoding.ASCII.GetBytes(s.TlsKeyPem), ["ca.crt"] = Encoding.ASCII.GetBytes(s.CaBundlePem) },
            },
            new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = Meta($"{s.Name}-policies"), Data = new Dictionary<string, string>(s.Policies) },
            Deployment(s, Meta(s.Name), labels),
            new V1PodDisruptionBudget
            {
                ApiVersion = "policy/v1", Kind = "PodDisruptionBudget", Metadata = Meta(s.Name),
                Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1, Selector = new V1LabelSelector { MatchLabels = labels } },
            },
            new V1Service
            {
                ApiVersion = "v1", Kind = "Service", Metadata = Meta(s.Name),
                Spec = new V1ServiceSpec
                {
                    Type = "ClusterIP", Selector = labels,
                    Ports = [new V1ServicePort { Name = "https", Port = 443, TargetPort = ContainerPort, Protocol = "TCP" }],
                },
            },
            WebhookConfiguration(s, labels),
        ];
    }

    public static string ToYaml(ManifestSettings s) => KubernetesYaml.SerializeAll(Build(s));

    private static V1Deployment Deployment(ManifestSettings s, V1ObjectMeta meta, Dictionary<string, string> labels) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = meta,
        Spec = new V1DeploymentSpec
        {
            Replicas = s.Replicas,
            Selector = new V1LabelSelector { MatchLabels = labels },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = labels },
                Spec = new V1PodSpec
                {
                    ServiceAccountName = s.Name,
                    AutomountServiceAccountToken = false,
                    PriorityClassName = "system-cluster-critical",
                    SecurityContext = new V1PodSecurityContext
                    {
                        RunAsNonRoot = true,
                        RunAsUser = 65532,
                        RunAsGroup = 65532,
                        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                    },
                    Affinity = new V1Affinity
                    {
                        PodAntiAffinity = new V1PodAntiAffinity
                        {
                            PreferredDuringSchedulingIgnoredDuringExecution =
                            [
                                new V1WeightedPodAffinityTerm
                                {
                                    Weight = 100,
                                    PodAffinityTerm = new V1PodAffinityTerm { TopologyKey = "kubernetes.io/hostname", LabelSelector = new V1LabelSelector { MatchLabels = labels } },
                                },
                            ],
                        },
                    },
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "webhook",
                            Image = s.Image,
                            Args =
                            [
                                "webhook", "serve", "--port", ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                                "--tls-cert", "/tls/tls.crt", "--tls-key", "/tls/tls.key",
                                "--policy-dir", "/policies", "--controllers", s.ControllerMode,
                            ],
                            Ports = [new V1ContainerPort { Name = "https", ContainerPort = ContainerPort, Protocol = "TCP" }],
                            SecurityContext = new V1SecurityContext
                            {
                                AllowPrivilegeEscalation = false, ReadOnlyRootFilesystem = true, RunAsNonRoot = true, Privileged = false,
                                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                            },
                            Resources = new V1ResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("160Mi") },
                                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
                            },
                            ReadinessProbe = Probe("/readyz"),
                            LivenessProbe = Probe("/healthz"),
                            VolumeMounts =
                            [
                                new V1VolumeMount { Name = "tls", MountPath = "/tls", ReadOnlyProperty = true },
                                new V1VolumeMount { Name = "policies", MountPath = "/policies", ReadOnlyProperty = true },
                                new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
                            ],
                        },
                    ],
                    Volumes =
                    [
                        new V1Volume { Name = "tls", Secret = new V1SecretVolumeSource { SecretName = $"{s.Name}-tls" } },
                        new V1Volume { Name = "policies", ConfigMap = new V1ConfigMapVolumeSource { Name = $"{s.Name}-policies" } },
                        new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("16Mi") } },
                    ],
                },
            },
        },
    };

    private static V1Probe Probe(string path) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = ContainerPort, Scheme = "HTTPS" },
        PeriodSeconds = 10,
        TimeoutSeconds = 2,
    };

    private static V1ValidatingWebhookConfiguration WebhookConfiguration(ManifestSettings s, Dictionary<string, string> labels)
    {
        var client = new Admissionregistrationv1WebhookClientConfig
        {
            Service = new Admissionregistrationv1ServiceReference { Name = s.Name, NamespaceProperty = s.Namespace, Path = "/validate", Port = 443 },
            CaBundle = Encoding.ASCII.GetBytes(s.CaBundlePem),
        };
        // Never kube-system, never DockerGuard's own namespace: a down webhook must not lock out
        // the control plane or its own recovery (gatekeeper#291, kyverno#2962).
        var namespaces = new V1LabelSelector
        {
            MatchExpressions = [new V1LabelSelectorRequirement { Key = "kubernetes.io/metadata.name", OperatorProperty = "NotIn", Values = ["kube-system", s.Namespace] }],
        };
        V1ValidatingWebhook Hook(string name, IList<V1RuleWithOperations> rules, IList<V1MatchCondition>? conditions) => new()
        {
            Name = name,
            ClientConfig = client,
            Rules = rules,
            FailurePolicy = s.FailurePolicy,
            MatchPolicy = "Equivalent",
            SideEffects = "None",
            TimeoutSeconds = s.TimeoutSeconds,
            AdmissionReviewVersions = ["v1"],
            NamespaceSelector = namespaces,
            MatchConditions = s.MatchConditions ? conditions : null,
        };
        return new V1ValidatingWebhookConfiguration
        {
            ApiVersion = "admissionregistration.k8s.io/v1",
            Kind = "ValidatingWebhookConfiguration",
            Metadata = new V1ObjectMeta { Name = s.Name, Labels = labels },
            Webhooks =
            [
                Hook("pods.validate.dockerguard.io",
                [
                    Rule(["CREATE", "UPDATE"], "", ["pods", "pods/ephemeralcontainers"]),
                    Rule(["CONNECT"], "", ["pods/exec", "pods/attach"]),
                ], null),
                Hook("controllers.validate.dockerguard.io",
                [
                    Rule(["CREATE", "UPDATE"], "apps", ["deployments", "statefulsets", "daemonsets", "replicasets"]),
                    Rule(["CREATE", "UPDATE"], "batch", ["jobs", "cronjobs"]),
                    Rule(["CREATE", "UPDATE"], "", ["replicationcontrollers", "podtemplates"]),
                ],
                [
                    // Scaling and status-like updates leave the pod template alone: no call needed.
                    new V1MatchCondition
                    {
                        Name = "template-changed",
                        Expression = "request.operation != 'UPDATE' || !has(object.spec) || !has(object.spec.template) || object.spec.template != oldObject.spec.template",
                    },
                ]),
            ],
        };
    }

    private static V1RuleWithOperations Rule(IList<string> operations, string group, IList<string> resources) => new()
    {
        Operations = operations,
        ApiGroups = [group],
        ApiVersions = ["*"],
        Resources = resources,
        Scope = "Namespaced",
    };
}
