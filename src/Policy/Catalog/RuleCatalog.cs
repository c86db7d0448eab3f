using System.Collections.Immutable;

namespace DockerGuard.Policy.Catalog;

/// <summary>
/// Every rule DockerGuard knows, by id. Rules add themselves from module initializers (the way
/// pod-security-admission's checks call addCheck from init), so the list is complete before any
/// code of this assembly runs.
/// </summary>
public static class RuleCatalog
{
    private static readonly Lock Gate = new();
    private static ImmutableSortedDictionary<string, Rule> _rules = ImmutableSortedDictionary<string, Rule>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>All rules, ordered by id.</summary>
    public static IEnumerable<Rule> All => _rules.Values;

    public static int Count => _rules.Count;

    public static Rule? Find(string id) => _rules.TryGetValue(id, out var r) ? r : null;

    public static void Register(Rule rule)
    {
        lock (Gate)
        {
            var id = rule.Info.Id;
            if (!RuleId.IsValid(id))
                throw new InvalidOperationException($"rule id '{id}' is not kebab-case");
            if (_rules.ContainsKey(id))
                throw new InvalidOperationException($"rule id '{id}' registered twice");
            _rules = _rules.Add(id, rule);
        }
    }
}
