using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace DockerGuard.Audit.Records;

/// <summary>
/// Removes credential-like values from strings bound for the audit trail. The model carries no
/// env values by design (<c>Container.EnvNames</c>), but details, routes and exec commands are
/// free text an adapter or a rule may have built from user input, so every string is passed
/// through here once, in <see cref="DecisionRecordFactory"/>.
/// Covered: <c>KEY=VALUE</c> and <c>KEY: VALUE</c> where KEY looks like a credential,
/// <c>--password VALUE</c> style flags, <c>Authorization</c>/<c>X-Registry-Auth</c> headers,
/// URL user-info (<c>https://user:pass@host</c>) and query values in routes.
/// </summary>
public static partial class Redactor
{
    public const string Mask = "[REDACTED]";

    /// <summary>Name fragments that make a key a credential (case-insensitive).</summary>
    public static readonly ImmutableArray<string> SecretKeyFragments =
        ["token", "password", "passwd", "pwd", "secret", "key", "credential", "auth", "apikey", "private", "cookie", "session"];

    public static bool IsSecretName(string name)
    {
        foreach (var fragment in SecretKeyFragments)
            if (name.Contains(fragment, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    public static string? Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value;
        // Each pattern runs only when the text holds what it cannot match without (a separator, "://" and "@",
        // the scheme word): most strings are names and hold none, and this runs for every string of every record.
        var result = value.AsSpan().ContainsAny(KeyValueSeparators)
            ? KeyValue().Replace(value, m => IsSecretName(m.Groups["key"].Value) ? $"{m.Groups["key"].Value}{m.Groups["sep"].Value}{Mask}" : m.Value)
            : value;
        if (result.Contains("://", StringComparison.Ordinal) && result.Contains('@', StringComparison.Ordinal))
            result = UserInfo().Replace(result, m => $"{m.Groups["scheme"].Value}{Mask}@");
        return result.Contains("bearer", StringComparison.OrdinalIgnoreCase) || result.Contains("basic", StringComparison.OrdinalIgnoreCase)
            ? BearerToken().Replace(result, m => $"{m.Groups["scheme"].Value} {Mask}")
            : result;
    }

    private static readonly System.Buffers.SearchValues<char> KeyValueSeparators = System.Buffers.SearchValues.Create("=:");

    /// <summary>A Docker route keeps its method and path; query values may hold anything and are dropped.</summary>
    public static string? Route(string? route)
    {
        if (string.IsNullOrEmpty(route)) return route;
        var q = route.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return Text(route);
        var query = route[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)[0] + "=" + Mask);
        return Text(route[..q]) + "?" + string.Join('&', query);
    }

    /// <summary>An argv: <c>--password x</c> and <c>-p x</c> after a secret flag lose the value; each word is also redacted as text.</summary>
    public static ImmutableArray<string> Command(ImmutableArray<string> argv)
    {
        if (argv.IsDefaultOrEmpty) return [];
        var result = ImmutableArray.CreateBuilder<string>(argv.Length);
        var maskNext = false;
        foreach (var word in argv)
        {
            if (maskNext) { result.Add(Mask); maskNext = false; continue; }
            var flag = SecretFlag().Match(word);
            if (flag.Success && IsSecretName(flag.Groups["name"].Value))
            {
                if (flag.Groups["value"].Success) { result.Add($"{flag.Groups["dashes"].Value}{flag.Groups["name"].Value}={Mask}"); continue; }
                maskNext = true;
            }
            result.Add(Text(word)!);
        }
        return result.ToImmutable();
    }

    public static ImmutableArray<string> All(ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? [] : [.. values.Select(v => Text(v)!)];

    // KEY=VALUE, KEY: VALUE, "KEY":"VALUE"; the value runs to whitespace, a comma, a quote or a closing bracket.
    [GeneratedRegex("""(?<key>[A-Za-z_][A-Za-z0-9_.\-]*)(?<sep>"?\s*[=:]\s*"?)(?<value>(?:(?:Bearer|Basic)\s+)?[^\s,;"'\]\}&]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValue();

    [GeneratedRegex("""(?<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*://)[^/@\s]+@""")]
    private static partial Regex UserInfo();

    [GeneratedRegex("""(?<scheme>Bearer|Basic)\s+[A-Za-z0-9+/=._\-]+""", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();

    [GeneratedRegex("""^(?<dashes>--?)(?<name>[A-Za-z][A-Za-z0-9_\-]*)(=(?<value>.*))?$""")]
    private static partial Regex SecretFlag();
}
