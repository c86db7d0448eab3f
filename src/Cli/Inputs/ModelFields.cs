using System.Collections.Immutable;
using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Cli.Inputs;

/// <summary>
/// Reading model facts from YAML: each <see cref="Field{T}"/> gets the YAML path it was read from
/// (<c>model.containers[0].privileged</c>) as its field path, so a violation in a test points at
/// the line the test author wrote.
/// </summary>
internal static class ModelFields
{
    public static Field<bool>? BoolField(this YamlMap m, string key) => m.Bool(key) is { } v ? Field.Of(v, m.PathOf(key)) : null;

    public static Field<long>? IntField(this YamlMap m, string key) => m.Int(key) is { } v ? Field.Of(v, m.PathOf(key)) : null;

    public static Field<string>? StringField(this YamlMap m, string key) => m.String(key) is { } v ? Field.Of(v, m.PathOf(key)) : null;

    public static ImmutableArray<Field<string>> StringFields(this YamlMap m, string key) =>
        [.. m.StringList(key).Select((v, i) => Field.Of(v, $"{m.PathOf(key)}[{i}]"))];

    /// <summary>The mappings of a list (<c>mounts</c>, <c>ports</c>), each named by its index; each is checked for unknown keys by <paramref name="read"/>'s caller.</summary>
    public static ImmutableArray<T> Items<T>(this YamlMap m, string key, Func<YamlMap, T?> read) where T : class =>
        [.. EachItem(m, key, read).OfType<T>()];

    /// <summary><see cref="Items{T}"/> for value types (ports, devices, volumes).</summary>
    public static ImmutableArray<T> ValueItems<T>(this YamlMap m, string key, Func<YamlMap, T?> read) where T : struct =>
        [.. EachItem(m, key, read).Where(v => v.HasValue).Select(v => v!.Value)];

    private static List<TResult> EachItem<TResult>(YamlMap m, string key, Func<YamlMap, TResult> read)
    {
        var results = new List<TResult>();
        if (m.Sequence(key) is not { } seq) return results;
        for (var i = 0; i < seq.Children.Count; i++)
        {
            if (m.Source.Map(seq.Children[i], $"{m.PathOf(key)}[{i}]") is not { } item) continue;
            results.Add(read(item));
            item.RejectUnknown();
        }
        return results;
    }

    /// <summary>A kebab-case enum value (<c>plugin-change</c> → PluginChange).</summary>
    public static TEnum? EnumOf<TEnum>(this YamlMap m, string key, bool required = false) where TEnum : struct, Enum
    {
        var names = Enum.GetValues<TEnum>().Select(e => Kebab(e.ToString())).ToArray();
        var node = required ? m.Required(key, $"write one of {string.Join(", ", names)}") : m.Get(key);
        if (node is null) return null;
        return EnumAt<TEnum>(m.Source, node, m.PathOf(key));
    }

    /// <summary>The kebab-case enum value written at <paramref name="node"/>; an error listing the values otherwise.</summary>
    public static TEnum? EnumAt<TEnum>(YamlSource source, YamlNode? node, string path) where TEnum : struct, Enum
    {
        if (node is null) return null;
        var values = Enum.GetValues<TEnum>();
        var s = source.OneOf(node, path, [.. values.Select(e => Kebab(e.ToString()))]);
        return s is null ? null : values.First(e => Kebab(e.ToString()) == s);
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
