using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Policy.Files;

/// <summary>
/// Typed reading of YAML nodes from one file, strict in the way YAML 1.2's core schema is: a plain
/// <c>true</c> is a boolean, a plain <c>42</c> an integer, a quoted one a string. A value of the
/// wrong type is an error at its position, never coerced and never silently defaulted.
/// </summary>
public sealed class YamlSource(string file, Diagnostics diagnostics)
{
    public string File { get; } = file;
    public Diagnostics Diagnostics { get; } = diagnostics;

    public void Error(YamlNode? at, string message, string? hint = null) => Diagnostics.Error(File, at, message, hint);
    public void Warning(YamlNode? at, string message, string? hint = null) => Diagnostics.Warning(File, at, message, hint);

    public YamlMap? Map(YamlNode node, string what)
    {
        if (node is YamlMappingNode m) return new YamlMap(m, this, what);
        Error(node, $"{(what.Length == 0 ? "the document" : what)} must be a mapping (key: value), found {Describe(node)}");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode node, string what)
    {
        if (node is YamlSequenceNode s) return s;
        Error(node, $"{what} must be a list, found {Describe(node)}", "write it as [a, b] or one '- item' per line");
        return null;
    }

    public string? String(YamlNode node, string what)
    {
        if (node is YamlScalarNode s && Resolve(s) == ScalarType.String) return s.Value ?? "";
        Error(node, $"{what} must be a string, found {Describe(node)}", node is YamlScalarNode ? "quote it if you mean the text" : null);
        return null;
    }

    public bool? Bool(YamlNode node, string what)
    {
        if (node is YamlScalarNode s && Resolve(s) == ScalarType.Bool) return s.Value!.Equals("true", StringComparison.OrdinalIgnoreCase);
        Error(node, $"{what} must be a boolean, found {Describe(node)}", "write true or false, unquoted");
        return null;
    }

    public long? Int(YamlNode node, string what)
    {
        if (node is YamlScalarNode s && Resolve(s) == ScalarType.Int && TryInt(s.Value!, out var v)) return v;
        Error(node, $"{what} must be an integer, found {Describe(node)}", "write a whole number, unquoted");
        return null;
    }

    public ImmutableArray<string>? StringList(YamlNode node, string what)
    {
        if (node is not YamlSequenceNode seq)
        {
            Error(node, $"{what} must be a list of strings, found {Describe(node)}", "write it as [a, b], even for one item");
            return null;
        }
        var b = ImmutableArray.CreateBuilder<string>(seq.Children.Count);
        var ok = true;
        foreach (var item in seq.Children)
        {
            var s = String(item, $"each item of {what}");
            if (s is null) ok = false;
            else b.Add(s);
        }
        return ok ? b.ToImmutable() : null;
    }

    public DateOnly? Date(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } v } && DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        Error(node, $"{what} must be a date, found {Describe(node)}", "write it as YYYY-MM-DD, e.g. 2026-12-31");
        return null;
    }

    /// <summary>One of <paramref name="allowed"/>, compared exactly; the error lists them.</summary>
    public string? OneOf(YamlNode node, string what, params string[] allowed)
    {
        var s = node is YamlScalarNode sc ? sc.Value : null;
        if (s is not null && Array.IndexOf(allowed, s) >= 0) return s;
        Error(node, $"{what} must be one of {string.Join(", ", allowed)}, found {Describe(node)}");
        return null;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => Resolve(s) switch
        {
            ScalarType.Null => "nothing (null)",
            ScalarType.Bool => $"the boolean {s.Value}",
            ScalarType.Int => $"the integer {s.Value}",
            ScalarType.Float => $"the number {s.Value}",
            _ => $"the string '{s.Value}'",
        },
        _ => "an alias",
    };

    public enum ScalarType { Null, Bool, Int, Float, String }

    /// <summary>YAML 1.2 core schema resolution of a scalar; quoted and block scalars are always strings.</summary>
    public static ScalarType Resolve(YamlScalarNode s)
    {
        if (s.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return ScalarType.String;
        if (!s.Tag.IsEmpty && s.Tag.Value != "!") return ScalarType.String;
        var v = s.Value ?? "";
        if (v is "" or "~" or "null" or "Null" or "NULL") return ScalarType.Null;
        if (v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return ScalarType.Bool;
        if (TryInt(v, out _)) return ScalarType.Int;
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && v.Any(char.IsDigit)) return ScalarType.Float;
        return ScalarType.String;
    }

    private static bool TryInt(string v, out long value)
    {
        if (v.StartsWith("0x", StringComparison.Ordinal)) return long.TryParse(v[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        if (v.StartsWith("0o", StringComparison.Ordinal))
        {
            value = 0;
            foreach (var c in v[2..])
            {
                if (c is < '0' or > '7') return false;
                value = (value * 8) + (c - '0');
            }
            return v.Length > 2;
        }
        return long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
