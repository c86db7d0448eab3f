using System.Collections.Immutable;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Tests.Support;

/// <summary>
/// One input for one rule. A deny case names the field the violation must point at; parameters
/// override the rule's defaults for this case only.
/// </summary>
public sealed record RuleCase(string Name, WorkloadRequest Request, string? Field = null)
{
    public ImmutableDictionary<string, object> Parameters { get; init; } = ImmutableDictionary<string, object>.Empty;

    public RuleCase With(string parameter, object value) => this with { Parameters = Parameters.SetItem(parameter, value) };

    public override string ToString() => Name;
}

/// <summary>
/// The cases of one rule, kept in a file named after it (<c>PrivilegedCases.cs</c> beside
/// <c>Privileged.cs</c>'s id), in the manner of pod-security-admission's fixtures: inputs that must
/// be flagged and inputs that must pass. The catalogue test fails for any rule without both.
/// </summary>
public abstract class RuleCases
{
    public abstract string RuleId { get; }
    public abstract IEnumerable<RuleCase> Deny { get; }
    public abstract IEnumerable<RuleCase> Allow { get; }
}
