using System.Collections.Immutable;
using System.Globalization;
using DockerGuard.Admission.Hosting;
using DockerGuard.Admission.Manifests;

namespace DockerGuard.Cli.Commands;

/// <summary><c>dockerguard webhook manifests</c>: the Helm chart's objects as plain YAML, with a fresh CA and serving certificate.</summary>
public sealed class WebhookManifestsCommand : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["webhook", "manifests"];
    public string Summary => "print the webhook's Kubernetes manifests (for clusters without Helm)";
    public string Usage => """
        dockerguard webhook manifests [--namespace NS] [--name NAME] [--image IMAGE] [--replicas N]
                                      [--failure-policy Fail|Ignore] [--timeout SECONDS] [--controllers deny|warn]
                                      [--policy-dir DIR] [--no-match-conditions]
          prints Namespace, ServiceAccount, TLS Secret (a new CA and serving cert), policies ConfigMap,
          Deployment, PodDisruptionBudget, Service and ValidatingWebhookConfiguration; apply with kubectl apply -f -
        """;

    public Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args, "no-match-conditions");
        var ns = a.Option("namespace", "dockerguard");
        var name = a.Option("name", "dockerguard");
        var image = a.Option("image", ManifestSettings.DefaultImage);
        var replicas = Int(a.Option("replicas", "2"), "replicas", 1, 100);
        var failurePolicy = a.Option("failure-policy", "Fail");
        var timeout = Int(a.Option("timeout", "5"), "timeout", 1, 30);
        var controllers = a.Option("controllers", "deny");
        var policyDir = a.Option("policy-dir");
        var noMatchConditions = a.Flag("no-match-conditions");
        a.RejectUnknown();
        if (failurePolicy is not ("Fail" or "Ignore")) throw new CliUsageException("--failure-policy must be Fail or Ignore");
        if (controllers is not ("deny" or "warn")) throw new CliUsageException("--controllers must be deny or warn");

        var policies = ImmutableSortedDictionary<string, string>.Empty;
        if (policyDir is not null)
        {
            if (!Directory.Exists(policyDir)) throw new CliUsageException($"policy directory '{policyDir}' does not exist");
            policies = Directory.EnumerateFiles(policyDir, "*.y*ml").ToImmutableSortedDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
        }

        var (ca, cert, key) = SelfSignedCertificates.Generate(SelfSignedCertificates.ServiceNames(name, ns), TimeSpan.FromDays(365));
        var yaml = WebhookManifests.ToYaml(new ManifestSettings
        {
            Namespace = ns,
            Name = name,
            Image = image,
            Replicas = replicas,
            FailurePolicy = failurePolicy,
            TimeoutSeconds = timeout,
            ControllerMode = controllers,
            MatchConditions = !noMatchConditions,
            CaBundlePem = ca,
            TlsCertPem = cert,
            TlsKeyPem = key,
            Policies = policies,
        });
        context.Out.Write(yaml);
        return Task.FromResult(ExitCodes.Ok);
    }

    private static int Int(string text, string option, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new CliUsageException($"--{option} must be a whole number from {min} to {max}");
}
