using DockerGuard.Policy.Catalog;

namespace DockerGuard.Cli.Output;

/// <summary>How rule metadata reads in every output, so table, JSON, Markdown and explain agree.</summary>
public static class RuleFacts
{
    public static string Action(RuleAction a) => a.ToString().ToLowerInvariant();

    public static string Surfaces(RuleInfo r) => string.Join(", ", r.Surfaces.Select(s => s.ToString().ToLowerInvariant()));

    public static string Pss(References r) => r.PssCheck is null ? "" : $"{r.PssCheck} ({r.PssLevel?.ToString().ToLowerInvariant()})";

    public static string Default(ParameterSpec p) => p.Default switch
    {
        bool b => b ? "true" : "false",
        System.Collections.Immutable.ImmutableArray<string> list => $"[{string.Join(", ", list)}]",
        var v => v.ToString() ?? "",
    };
}
