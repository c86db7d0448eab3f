using System.Globalization;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>Command line of the load tool. Every mode and flag is listed in <see cref="Usage"/>.</summary>
public sealed record LoadOptions
{
    public const string Usage = """
        usage: AuthzPlugin.Load [--server dockerguard|kestrel-empty|null | --socket PATH [--server-pid PID]] [--rate N] [--seconds N] [--warmup-seconds N]
                                [--policy-dir DIR] [--audit full|normal|off] [--server-env KEY=VALUE]...
               AuthzPlugin.Load --docker-compare [--count N] [--policy-dir DIR] [--audit full|normal|off]
                                (docker create + rm on three throwaway dockerds: no plugin, the null plugin, DockerGuard)
               AuthzPlugin.Load --decide-only [--rate N --seconds N]   (CPU per decision without HTTP or audit)
               AuthzPlugin.Load --serve --socket PATH [--policy-dir DIR] [--audit-dir DIR] [--audit full|normal|off]   (the child the load mode starts)
               AuthzPlugin.Load --null-plugin --socket PATH   (a plugin that allows everything and does no work; the child --docker-compare starts)
               AuthzPlugin.Load --kestrel-empty --socket PATH   (Kestrel as the plugin is served, with a handler that only answers allow)
        --server picks the child the load mode measures: DockerGuard (the default), Kestrel with an empty handler
        (the floor DockerGuard's server stands on), or the raw-socket null plugin (the generator's floor).
        --audit defaults to normal, as dockerguard serve does.
        """;

    public string Mode { get; init; } = "load";
    /// <summary>The child the load mode starts when no --socket is given: dockerguard, kestrel-empty or null.</summary>
    public string Server { get; init; } = "dockerguard";
    /// <summary>Null: start the plugin as a child process of this tool on a temp socket.</summary>
    public string? Socket { get; init; }
    public int? ServerPid { get; init; }
    public int Rate { get; init; } = 2000;
    public int Seconds { get; init; } = 30;
    public int WarmupSeconds { get; init; } = 5;
    public int Count { get; init; } = 200;
    public string PolicyDir { get; init; } = DefaultPolicyDir();
    public string? AuditDir { get; init; }
    /// <summary>SQLite synchronous=NORMAL (as served: no fsync per commit), FULL (fsync per group commit), or no audit at all.</summary>
    public string Audit { get; init; } = "normal";
    public IReadOnlyList<string> ServerEnv { get; init; } = [];

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        var env = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--serve" => o with { Mode = "serve" },
                "--docker-compare" => o with { Mode = "docker-compare" },
                "--decide-only" => o with { Mode = "decide-only" },
                "--null-plugin" => o with { Mode = "null-plugin" },
                "--kestrel-empty" => o with { Mode = "kestrel-empty" },
                "--server" => Next() switch
                {
                    "dockerguard" or "inproc" => o with { Server = "dockerguard" },
                    "kestrel-empty" => o with { Server = "kestrel-empty" },
                    "null" => o with { Server = "null" },
                    _ => throw new ArgumentException("--server takes dockerguard, kestrel-empty or null (or use --socket PATH)"),
                },
                "--socket" => o with { Socket = Next() },
                "--server-pid" => o with { ServerPid = NextInt() },
                "--rate" => o with { Rate = NextInt() },
                "--seconds" => o with { Seconds = NextInt() },
                "--warmup-seconds" => o with { WarmupSeconds = NextInt() },
                "--count" => o with { Count = NextInt() },
                "--policy-dir" => o with { PolicyDir = Next() },
                "--audit-dir" => o with { AuditDir = Next() },
                "--audit" => Next() is var a && a is "full" or "normal" or "off" ? o with { Audit = a } : throw new ArgumentException("--audit takes full, normal or off"),
                "--server-env" => AddEnv(o, env, Next()),
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }
        return o with { ServerEnv = env };
    }

    private static LoadOptions AddEnv(LoadOptions o, List<string> env, string pair)
    {
        if (!pair.Contains('=', StringComparison.Ordinal)) throw new ArgumentException($"--server-env needs KEY=VALUE, got '{pair}'");
        env.Add(pair);
        return o;
    }

    /// <summary>policies/ of the repository this tool was built from (the real default policy, cis-runtime.yaml).</summary>
    private static string DefaultPolicyDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DockerGuard.sln"))) return Path.Combine(dir.FullName, "policies");
        return "/etc/dockerguard/policies";
    }
}
