using DockerGuard.Audit.Query;

namespace DockerGuard.Cli.Audit;

/// <summary>The filters every <c>audit</c> command shares, read into an <see cref="AuditQuery"/> (the store turns it into indexed SQL).</summary>
public static class AuditFilterOptions
{
    public const string Help = """
          --decision D       allow, warn or deny
          --rule ID          records with a violation of this rule (dockerguard rules lists them)
          --surface S        docker, kubernetes or oci
          --user U           the requesting user (Docker TLS client CN, Kubernetes userInfo.username)
          --namespace NS     Kubernetes namespace
          --image REF        exact reference, a repository (nginx matches nginx:1.27), or a * pattern
          --host H           the host that decided
          --since T          RFC 3339 (2026-11-23T10:00:00Z), a date, or relative to now: 30s, 15m, 12h, 7d, 2w
          --until T          same forms as --since
        """;

    private static readonly string[] Decisions = ["allow", "warn", "deny"];
    private static readonly string[] Surfaces = ["docker", "kubernetes", "oci"];

    public static AuditQuery Read(CliArgs args, DateTimeOffset now) => new()
    {
        Decision = OneOf(args, "decision", Decisions),
        Rule = args.Option("rule"),
        Surface = OneOf(args, "surface", Surfaces),
        User = args.Option("user"),
        Namespace = args.Option("namespace"),
        Image = args.Option("image"),
        Host = args.Option("host"),
        Since = Time(args, "since", now),
        Until = Time(args, "until", now),
    };

    /// <summary>Reads <c>--name N</c> as a positive count.</summary>
    public static int? Count(CliArgs args, string name)
    {
        var text = args.Option(name);
        if (text is null) return null;
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n <= 0)
            throw new CliUsageException($"--{name} must be a positive number, not '{text}'");
        return n;
    }

    private static string? OneOf(CliArgs args, string name, string[] allowed)
    {
        var value = args.Option(name)?.ToLowerInvariant();
        if (value is not null && Array.IndexOf(allowed, value) < 0)
            throw new CliUsageException($"--{name} must be one of {string.Join(", ", allowed)}, not '{value}'");
        return value;
    }

    private static DateTimeOffset? Time(CliArgs args, string name, DateTimeOffset now)
    {
        var text = args.Option(name);
        if (text is null) return null;
        if (!TimeSpec.TryParse(text, now, out var time))
            throw new CliUsageException($"--{name} '{text}' is not a time: use RFC 3339 (2026-11-23T10:00:00Z), a date (2026-11-23) or a relative age (7d, 12h, 30m)");
        return time;
    }
}
