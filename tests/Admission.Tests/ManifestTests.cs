using System.Security.Cryptography.X509Certificates;
using System.Text;
using DockerGuard.Admission.Hosting;
using DockerGuard.Admission.Manifests;
using DockerGuard.Cli;
using k8s;
using k8s.Models;

namespace DockerGuard.Admission.Tests;

/// <summary><c>dockerguard webhook manifests</c> output, parsed back as Kubernetes objects with KubernetesClient.</summary>
public class ManifestTests
{
    public static ManifestSettings Settings()
    {
        var (ca, cert, key) = SelfSignedCertificates.Generate(SelfSignedCertificates.ServiceNames("dockerguard", "dockerguard"), TimeSpan.FromDays(1));
        return new ManifestSettings { CaBundlePem = ca, TlsCertPem = cert, TlsKeyPem = key };
    }

    private static async Task<List<object>> CliManifests(params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["webhook", "manifests", .. extra], new CliContext(output, error), CancellationToken.None);
        code.Should().Be(ExitCodes.Ok, error.ToString());
        return KubernetesYaml.LoadAllFromString(output.ToString());
    }

    [Fact]
    public async Task Objects_parse_and_have_the_security_properties()
    {
        var objects = await CliManifests();
        objects.Select(o => ((IKubernetesObject)o).Kind).Should().BeEquivalentTo(
            ["Namespace", "ServiceAccount", "Secret", "ConfigMap", "Deployment", "PodDisruptionBudget", "Service", "ValidatingWebhookConfiguration"]);

        var deployment = objects.OfType<V1Deployment>().Single();
        deployment.Spec.Replicas.Should().Be(2);
        var pod = deployment.Spec.Template.Spec;
        pod.SecurityContext.RunAsNonRoot.Should().BeTrue();
        pod.SecurityContext.SeccompProfile.Type.Should().Be("RuntimeDefault");
        pod.Affinity.PodAntiAffinity.Should().NotBeNull();
        var c = pod.Containers.Single();
        c.SecurityContext.ReadOnlyRootFilesystem.Should().BeTrue();
        c.SecurityContext.AllowPrivilegeEscalation.Should().BeFalse();
        c.SecurityContext.Capabilities.Drop.Should().Equal("ALL");
        c.Resources.Requests.Should().ContainKeys("cpu", "memory");
        c.ReadinessProbe.HttpGet.Path.Should().Be("/readyz");
        c.LivenessProbe.HttpGet.Path.Should().Be("/healthz");

        objects.OfType<V1PodDisruptionBudget>().Single().Spec.MinAvailable.Value.Should().Be("1");
        objects.OfType<V1Service>().Single().Spec.Ports.Single().Port.Should().Be(443);
    }

    [Fact]
    public async Task Webhook_configuration_registers_pods_subresources_and_controllers_safely()
    {
        var config = (await CliManifests()).OfType<V1ValidatingWebhookConfiguration>().Single();
        var rules = config.Webhooks.SelectMany(w => w.Rules.SelectMany(r => r.Resources.Select(res => (res, ops: string.Join(',', r.Operations))))).ToList();
        rules.Should().Contain(("pods", "CREATE,UPDATE")).And.Contain(("pods/ephemeralcontainers", "CREATE,UPDATE"))
            .And.Contain(("pods/exec", "CONNECT")).And.Contain(("pods/attach", "CONNECT"));
        rules.Select(r => r.res).Should().Contain(["deployments", "statefulsets", "daemonsets", "replicasets", "replicationcontrollers", "jobs", "cronjobs", "podtemplates"]);
        foreach (var w in config.Webhooks)
        {
            w.FailurePolicy.Should().Be("Fail");
            w.TimeoutSeconds.Should().Be(5);
            w.SideEffects.Should().Be("None");
            w.AdmissionReviewVersions.Should().Equal("v1");
            w.ObjectSelector.Should().BeNull("labels a tenant can set must never exempt anything");
            var exclude = w.NamespaceSelector.MatchExpressions.Single();
            exclude.Key.Should().Be("kubernetes.io/metadata.name");
            exclude.OperatorProperty.Should().Be("NotIn");
            exclude.Values.Should().BeEquivalentTo(["kube-system", "dockerguard"]);
            w.ClientConfig.Service.Path.Should().Be("/validate");
        }
        config.Webhooks.Single(w => w.Name.StartsWith("controllers")).MatchConditions.Should().ContainSingle();
    }

    [Fact]
    public async Task CaBundle_signs_the_serving_certificate_for_the_service_name()
    {
        var objects = await CliManifests("--namespace", "guard");
        var secret = objects.OfType<V1Secret>().Single();
        var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(objects.OfType<V1ValidatingWebhookConfiguration>().Single().Webhooks[0].ClientConfig.CaBundle));
        var cert = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(secret.Data["tls.crt"]));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(cert).Should().BeTrue();
        cert.MatchesHostname("dockerguard.guard.svc").Should().BeTrue();
        secret.Type.Should().Be("kubernetes.io/tls");
    }

    [Fact]
    public async Task Options_reach_the_objects()
    {
        var objects = await CliManifests("--failure-policy", "Ignore", "--timeout", "3", "--controllers", "warn", "--no-match-conditions");
        var config = objects.OfType<V1ValidatingWebhookConfiguration>().Single();
        config.Webhooks.Should().OnlyContain(w => w.FailurePolicy == "Ignore" && w.TimeoutSeconds == 3 && w.MatchConditions == null);
        objects.OfType<V1Deployment>().Single().Spec.Template.Spec.Containers[0].Args.Should().ContainInConsecutiveOrder("--controllers", "warn");
    }

    [Fact]
    public async Task Bad_options_are_usage_errors()
    {
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["webhook", "manifests", "--failure-policy", "Sometimes"], new CliContext(new StringWriter(), error), CancellationToken.None);
        code.Should().Be(ExitCodes.Usage);
        error.ToString().Should().Contain("Fail or Ignore");
    }
}
