using System.Globalization;

namespace DockerGuard.Admission.Load;

/// <summary><c>--name value</c> pairs with defaults.</summary>
public sealed record LoadOptions(Dictionary<string, string> Values)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        return new LoadOptions(values);
    }

    public int Int(string name, int fallback) => Values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public string? String(string name) => Values.GetValueOrDefault(name);
    public string String(string name, string fallback) => Values.GetValueOrDefault(name) ?? fallback;
}
