using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

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
        _filters = [.. entries.Select(EntryFilter.Of)];
        PlainAllow = new Decision { Outcome = DecisionOutcome.Allow, PolicyVersion = version };
    }

    /// <summary>An allow with nothing to report under this plan, for requests no rule judges (pings, reads);
    /// made once, since decisions are immutable and such requests are most of a daemon's traffic.</summary>
    public Decision PlainAllow { get; }

    /// <summary>Per entry, what decides whether it runs, precomputed so the hot loop tests a bit instead of searching lists.</summary>
    private readonly EntryFilter[] _filters;

    /// <summary>Whether <see cref="Entries"/>[<paramref name="index"/>] runs for <paramref name="request"/>: its rule judges the surface and its policy's scope covers the request.</summary>
    internal bool Applies(int index, WorkloadRequest request)
    {
        var f = _filters[index];
        return (f.Surfaces & (1 << (int)request.Surface)) != 0 && (f.AnyRequest || Entries[index].Scope.Covers(request));
    }

    private readonly record struct EntryFilter(int Surfaces, bool AnyRequest)
    {
        /// <summary>The surfaces both the rule judges and the scope includes, as bits; AnyRequest when the scope filters nothing else.</summary>
        public static EntryFilter Of(PlanEntry e)
        {
            var mask = 0;
            foreach (var s in e.Info.Surfaces)
                if (e.Scope.IncludesSurface(s)) mask |= 1 << (int)s;
            return new EntryFilter(mask, !e.Scope.FiltersRequests);
        }
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
