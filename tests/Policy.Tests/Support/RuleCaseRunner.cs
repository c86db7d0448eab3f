using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Policy.Tests.Support;

/// <summary>Runs one rule over one case with the case's parameters, as the evaluator would.</summary>
public static class RuleCaseRunner
{
    public static IReadOnlyList<Violation> Run(Rule rule, RuleCase c)
    {
        var parameters = new RuleParameters(rule.Info.Parameters, c.Parameters.ToImmutableDictionary(kv => kv.Key, kv => Typed(kv.Value)));
        var sink = ViolationSink.For(rule.Info);
        rule.Bind(parameters).Check(c.Request, sink);
        return sink.Found;
    }

    /// <summary>Cases may write int and string[] for convenience; rules read long and ImmutableArray.</summary>
    private static object Typed(object v) => v switch
    {
        int i => (long)i,
        string[] a => a.ToImmutableArray(),
        _ => v,
    };

    /// <summary>All <see cref="RuleCases"/> classes in this assembly, by rule id.</summary>
    public static IReadOnlyDictionary<string, RuleCases> AllCases { get; } = typeof(RuleCases).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(RuleCases)) && !t.IsAbstract)
        .Select(t => (RuleCases)Activator.CreateInstance(t)!)
        .ToDictionary(c => c.RuleId);
}
