using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Policy.Files;

/// <summary>Type-checks a rule's <c>parameters</c> against its <see cref="ParameterSpec"/>s.</summary>
public static class RuleParameterReader
{
    /// <summary>The parameters, or null when any is unknown or of the wrong type (each reported).</summary>
    public static RuleParameters? Read(RuleInfo rule, YamlMap? map, YamlSource source)
    {
        if (map is null) return RuleParameters.Defaults(rule);
        var values = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        var ok = true;
        foreach (var key in map.Keys.ToList())
        {
            var spec = rule.Parameters.FirstOrDefault(p => p.Name == key);
            if (spec is null)
            {
                var known = rule.Parameters.IsEmpty ? "it takes none" : $"it takes: {string.Join(", ", rule.Parameters.Select(p => $"{p.Name} ({TypeName(p.Type)})"))}";
                var near = Suggest.Closest(key, rule.Parameters.Select(p => p.Name));
                source.Error(map.KeyNode(key), $"rule '{rule.Id}' has no parameter '{key}'", near is null ? known : $"did you mean '{near}'? {known}");
                ok = false;
                continue;
            }
            var node = map.Get(key);
            var what = $"parameter '{key}' of rule '{rule.Id}'";
            if (node is null)
            {
                source.Error(map.KeyNode(key), $"{what} has no value", $"write a {TypeName(spec.Type)}, or remove it to use the default");
                ok = false;
                continue;
            }
            object? value = spec.Type switch
            {
                ParameterType.Bool => source.Bool(node, what),
                ParameterType.Int => source.Int(node, what),
                ParameterType.String => source.String(node, what),
                ParameterType.StringList => source.StringList(node, what),
                _ => null,
            };
            if (value is null) ok = false;
            else values[key] = value;
        }
        return ok ? new RuleParameters(rule.Parameters, values.ToImmutable()) : null;
    }

    public static string TypeName(ParameterType type) => type switch
    {
        ParameterType.Bool => "boolean",
        ParameterType.Int => "integer",
        ParameterType.String => "string",
        _ => "list of strings",
    };
}
