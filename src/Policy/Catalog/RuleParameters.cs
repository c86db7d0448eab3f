using System.Collections.Immutable;

namespace DockerGuard.Policy.Catalog;

/// <summary>
/// Parameter values for one rule in one policy, already type-checked against the rule's
/// <see cref="ParameterSpec"/>s. Missing values fall back to the spec's default.
/// </summary>
public sealed class RuleParameters
{
    private readonly ImmutableArray<ParameterSpec> _specs;
    private readonly ImmutableDictionary<string, object> _values;

    public RuleParameters(ImmutableArray<ParameterSpec> specs, ImmutableDictionary<string, object>? values = null)
    {
        _specs = specs;
        _values = values ?? ImmutableDictionary<string, object>.Empty;
    }

    public static RuleParameters Defaults(RuleInfo info) => new(info.Parameters);

    public IReadOnlyDictionary<string, object> Explicit => _values;

    public bool GetBool(string name) => (bool)Get(name, ParameterType.Bool);
    public long GetInt(string name) => (long)Get(name, ParameterType.Int);
    public string GetString(string name) => (string)Get(name, ParameterType.String);
    public ImmutableArray<string> GetList(string name) => (ImmutableArray<string>)Get(name, ParameterType.StringList);

    private object Get(string name, ParameterType type)
    {
        foreach (var spec in _specs)
        {
            if (spec.Name != name) continue;
            if (spec.Type != type)
                throw new InvalidOperationException($"parameter '{name}' is {spec.Type}, read as {type}");
            return _values.TryGetValue(name, out var v) ? v : spec.Default;
        }
        throw new InvalidOperationException($"rule has no parameter '{name}'");
    }
}
