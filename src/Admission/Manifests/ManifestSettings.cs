using System.Collections.Immutable;

namespace DockerGuard.Admission.Manifests;

/// <summary>The knobs of <c>dockerguard webhook manifests</c>; defaults equal the Helm chart's values.yaml.</summary>
public sealed record ManifestSettings
{
    public string Namespace { get; init; } = "dockerguard";
    public string Name { get; init; } = "dockerguard";
    public const string DefaultImage = "ghcr.io/dockerguard/dockerguard:latest";
    public string Image { get; init; } = DefaultImage;
    public int Replicas { get; init; } = 2;
    /// <summary>Fail by default (kubernetes-admission.md §9.1); Ignore is a visible choice.</summary>
    public string FailurePolicy { get; init; } = "Fail";
    public int TimeoutSeconds { get; init; } = 5;
    /// <summary>"deny" (default) or "warn" (PSA behaviour) for controller pod templates.</summary>
    public string ControllerMode { get; init; } = "deny";
    public bool MatchConditions { get; init; } = true;
    public required string CaBundlePem { get; init; }
    public required string TlsCertPem { get; init; }
    public required string TlsKeyPem { get; init; }
    /// <summary>Policy files by file name, shipped as the policies ConfigMap.</summary>
    public ImmutableSortedDictionary<string, string> Policies { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
}
