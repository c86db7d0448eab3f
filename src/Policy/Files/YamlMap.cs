using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Policy.Files;

/// <summary>
/// A YAML mapping being read field by field. Every key a reader asks for becomes known; after
/// reading, <see cref="RejectUnknown"/> reports the keys nobody asked for, so a typo
/// (<c>namspaces</c>) is an error with the list of keys that would have meant something.
/// </summary>
public sealed class YamlMap
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _known = [];

    internal YamlMap(YamlMappingNode node, YamlSource source, string what)
    {
        Node = node;
        Source = source;
        What = what;
        foreach (var (k, v) in node.Children)
        {
            if (k is YamlScalarNode { Value: { } key } sk) _entries[key] = (sk, v);
            else source.Error(k, $"keys of {what} must be plain strings, found {YamlSource.Describe(k)}");
        }
    }

    public YamlMappingNode Node { get; }
    public YamlSource Source { get; }
    /// <summary>How messages name this mapping ("spec.rules.capabilities"); empty for the document root.</summary>
    public string What { get; }

    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>The raw node under <paramref name="key"/>, or null; an explicit null value counts as absent.</summary>
    public YamlNode? Get(string key)
    {
        if (!_known.Contains(key)) _known.Add(key);
        if (!_entries.TryGetValue(key, out var e)) return null;
        return e.Value is YamlScalarNode s && YamlSource.Resolve(s) == YamlSource.ScalarType.Null ? null : e.Value;
    }

    public YamlScalarNode? KeyNode(string key) => _entries.TryGetValue(key, out var e) ? e.Key : null;

    public YamlNode? Required(string key, string? hint = null)
    {
        var n = Get(key);
        if (n is null) Source.Error(_entries.TryGetValue(key, out var e) ? e.Key : Node, What.Length == 0 ? $"the document needs '{key}'" : $"{What} needs '{key}'", hint);
        return n;
    }

    /// <summary>The dotted path of a key in this mapping (<c>spec.rules</c>), used in messages and as model field paths.</summary>
    public string PathOf(string key) => What.Length == 0 ? key : $"{What}.{key}";

    private string Name(string key) => PathOf(key);

    public string? String(string key, bool required = false) => Read(key, required, n => Source.String(n, Name(key)));
    public bool? Bool(string key) => Read(key, false, n => Source.Bool(n, Name(key)));
    public long? Int(string key) => Read(key, false, n => Source.Int(n, Name(key)));
    public DateOnly? Date(string key, bool required = false, string? hint = null) => Read(key, required, n => Source.Date(n, Name(key)), hint);
    public string? OneOf(string key, params string[] allowed) => Read(key, false, n => Source.OneOf(n, Name(key), allowed));
    public ImmutableArray<string> StringList(string key) => Read(key, false, n => Source.StringList(n, Name(key))) ?? [];
    public YamlMap? Map(string key, bool required = false) => Read(key, required, n => Source.Map(n, Name(key)));
    public YamlSequenceNode? Sequence(string key, bool required = false) => Read(key, required, n => Source.Sequence(n, Name(key)));

    /// <summary>A mapping of string to string (labels, sysctls).</summary>
    public ImmutableDictionary<string, string> StringMap(string key)
    {
        var m = Map(key);
        if (m is null) return ImmutableDictionary<string, string>.Empty;
        var b = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var k in m.Keys.ToList())
            if (m.String(k) is { } v) b[k] = v;
        return b.ToImmutable();
    }

    private T? Read<T>(string key, bool required, Func<YamlNode, T?> read, string? hint = null) where T : class =>
        (required ? Required(key, hint) : Get(key)) is { } n ? read(n) : null;

    private T? Read<T>(string key, bool required, Func<YamlNode, T?> read, string? hint = null) where T : struct =>
        (required ? Required(key, hint) : Get(key)) is { } n ? read(n) : null;

    /// <summary>Reports every key that no reader asked for. Keys starting with <paramref name="extensionPrefix"/> are allowed.</summary>
    public void RejectUnknown(string? extensionPrefix = null)
    {
        foreach (var (key, (keyNode, _)) in _entries)
        {
            if (_known.Contains(key)) continue;
            if (extensionPrefix is not null && key.StartsWith(extensionPrefix, StringComparison.Ordinal)) continue;
            var suggestion = Suggest.Closest(key, _known);
            var hint = suggestion is not null
                ? $"did you mean '{suggestion}'? known keys: {string.Join(", ", _known)}"
                : $"known keys: {string.Join(", ", _known)}";
            Source.Error(keyNode, What.Length == 0 ? $"unknown top-level key '{key}'" : $"unknown key '{key}' in {What}", hint);
        }
    }
}
