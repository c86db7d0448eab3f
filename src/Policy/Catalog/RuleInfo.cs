using System.Collections.Immutable;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Catalog;

/// <summary>What a rule is, independent of any policy: shown by <c>dockerguard rules</c> and <c>explain</c>.</summary>
public sealed record RuleInfo
{
    /// <summary>Stable kebab-case id; policies, exceptions and audit records refer to it. Never renamed.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Rationale { get; init; }
    public required string Remediation { get; init; }
    public References References { get; init; } = References.None;
    public RuleAction DefaultAction { get; init; } = RuleAction.Deny;
    public ImmutableArray<ParameterSpec> Parameters { get; init; } = [];
    /// <summary>Surfaces whose requests can express the setting; the rule is skipped elsewhere.</summary>
    public ImmutableArray<Surface> Surfaces { get; init; } = [Surface.Docker, Surface.Kubernetes, Surface.Oci];
}
