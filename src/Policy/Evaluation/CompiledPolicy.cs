using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Policy.Evaluation;

/// <summary>
/// The immutable evaluation plan built from all loaded policies. Reload builds a new one and
/// swaps a reference (<see cref="PolicyStore"/>), so a request never sees half a policy.
/// </summary>
public sealed class CompiledPolicy
{
    public CompiledPolicy(ImmutableArray<PlanEntry> entries, PolicyVersion version, ImmutableArray<string> policyNames)
    {
        Entries = entries;
        Version = version;
        PolicyNames = policyNames;
    }

    public ImmutableArray<PlanEntry> Entries { get; }
    public PolicyVersion Version { get; }
    public ImmutableArray<string> PolicyNames { get; }

    /// <summary>Every catalogue rule at its default action and parameters: what runs with no policy files at all.</summary>
    public static CompiledPolicy CatalogDefaults()
    {
        var entries = RuleCatalog.All
            .Where(r => r.Info.DefaultAction != RuleAction.Off)
            .Select(r => new PlanEntry(r.BindDefaults(), r.Info.DefaultAction, "builtin", Scope.Everything, []))
            .ToImmutableArray();
        return new CompiledPolicy(entries, PolicyVersion.BuiltInDefaults, ["builtin"]);
    }
}
