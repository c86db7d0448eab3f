using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using YamlDotNet.Core;

namespace DockerGuard.Policy.Files;

/// <summary>What a policy does with the catalogue rules it does not list.</summary>
public enum UnlistedRules
{
    /// <summary>Unlisted rules are off: a policy enforces exactly what it names (the default).</summary>
    None,
    /// <summary>Unlisted rules run at their catalogue default action and parameters.</summary>
    Catalog,
}

/// <summary>One rule as a policy configures it.</summary>
public sealed record RuleSetting(Rule Rule, RuleAction Action, RuleParameters Parameters);

/// <summary>A validated policy file (<c>kind: Policy</c>), ready to compile.</summary>
public sealed record PolicyDocument
{
    public required string File { get; init; }
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public Scope Scope { get; init; } = Scope.Everything;
    public UnlistedRules Defaults { get; init; } = UnlistedRules.None;
    /// <summary>The rules the file lists, in catalogue order.</summary>
    public ImmutableArray<RuleSetting> Rules { get; init; } = [];
    public ImmutableArray<PolicyException> Exceptions { get; init; } = [];
    /// <summary>Where each exception starts, by name, for expiry warnings.</summary>
    public ImmutableDictionary<string, Mark> ExceptionsAt { get; init; } = ImmutableDictionary<string, Mark>.Empty;
    /// <summary>Where metadata.name was written, for duplicate-name errors.</summary>
    public Mark NameAt { get; init; }
    /// <summary>The document in canonical form (see <see cref="CanonicalYaml"/>): what the policy version hashes.</summary>
    public required string Canonical { get; init; }

    /// <summary>Every rule the policy enables, with its effective action and parameters, in catalogue order.</summary>
    public IEnumerable<RuleSetting> EffectiveRules()
    {
        var listed = Rules.ToDictionary(r => r.Rule.Info.Id, StringComparer.Ordinal);
        foreach (var rule in RuleCatalog.All)
        {
            if (listed.TryGetValue(rule.Info.Id, out var s)) yield return s;
            else if (Defaults == UnlistedRules.Catalog) yield return new RuleSetting(rule, rule.Info.DefaultAction, RuleParameters.Defaults(rule.Info));
        }
    }
}
