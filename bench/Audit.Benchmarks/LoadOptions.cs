using System.Globalization;

namespace DockerGuard.Audit.Benchmarks;

/// <summary>--name value pairs with defaults; the store defaults to a fresh SQLite file under /tmp.</summary>
public sealed record LoadOptions(Dictionary<string, string> Values)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        return new LoadOptions(values);
    }

    public string Store => Values.GetValueOrDefault("store") ?? $"sqlite:/tmp/dg-bench-{Environment.ProcessId}/audit.db";
    /// <summary>--sync normal (default, as served: SQLite WAL synchronous=NORMAL, survives a killed process) or full (fsync every commit, survives power loss).</summary>
    public bool FullSync => Values.GetValueOrDefault("sync", "normal") switch
    {
        "normal" => false,
        "full" => true,
        var other => throw new ArgumentException($"--sync must be normal or full, not '{other}'"),
    };
    /// <summary>--max-records N: retention keeps the newest N (the served --audit-max-records), so delete steps run during the measurement.</summary>
    public Storage.RetentionPolicy Retention => Values.TryGetValue("max-records", out var n)
        ? new Storage.RetentionPolicy(MaxRecords: int.Parse(n, CultureInfo.InvariantCulture))
        : Storage.RetentionPolicy.KeepAll;
    public int Int(string name, int fallback) => Values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
