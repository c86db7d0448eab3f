using System.Collections.Immutable;

namespace DockerGuard.Policy.Catalog;

/// <summary>
/// A typed rule parameter with its default. Defaults are typed values: bool, long, string or
/// ImmutableArray&lt;string&gt;, matching <see cref="Type"/>.
/// </summary>
public sealed record ParameterSpec(string Name, ParameterType Type, object Default, string Description)
{
    public static ParameterSpec Bool(string name, bool @default, string description) => new(name, ParameterType.Bool, @default, description);
    public static ParameterSpec Int(string name, long @default, string description) => new(name, ParameterType.Int, @default, description);
    public static ParameterSpec String(string name, string @default, string description) => new(name, ParameterType.String, @default, description);
    public static ParameterSpec List(string name, IEnumerable<string> @default, string description) => new(name, ParameterType.StringList, @default.ToImmutableArray(), description);
}
