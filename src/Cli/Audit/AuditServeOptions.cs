using System.Globalization;
using DockerGuard.Audit.Configuration;
using DockerGuard.Audit.Query;
using DockerGuard.Audit.Storage;

namespace DockerGuard.Cli.Audit;

/// <summary>
/// The audit options a serve command takes, read into <see cref="AuditOptions"/>, so every server
/// spells them alike and writes where <c>dockerguard audit query</c> reads by default.
/// </summary>
public static class AuditServeOptions
{
    public const string Help = """
          --audit STORE          where decisions are recorded: sqlite:PATH or postgres://user@host:port/db
                                 (default sqlite:<state dir>/audit.db)
          --audit-failure MODE   closed (default): a decision that cannot be recorded is denied;
                                 open: it is spilled to --audit-spill and replayed when the store is back
          --audit-spill PATH     fail-open spill file (default <state dir>/audit-spill.jsonl)
          --audit-retain AGE     delete records older than AGE (90d, 12w); default keep all
          --audit-max-records N  keep at most the newest N records
          --audit-all            also record plain allows of read-only calls (docker ps, inspect)
          --audit-sqlite-sync S  normal (default): a commit survives a killed or crashed DockerGuard,
                                 an OS crash or power cut may lose the last commits;
                                 full: every commit is fsync'd and survives power loss (slower)
        """;

    /// <summary>Flags (no value) among the options above, for <see cref="CliArgs.Parse"/>.</summary>
    public static readonly string[] Flags = ["audit-all"];

    public static AuditOptions Read(CliArgs args, string stateDir)
    {
        var store = args.Option("audit") ?? "sqlite:" + Path.Combine(stateDir, "audit.db");
        var failure = args.Option("audit-failure", "closed") switch
        {
            "closed" => AuditFailureMode.FailClosed,
            "open" => AuditFailureMode.FailOpen,
            var other => throw new CliUsageException($"--audit-failure must be closed or open, not '{other}'"),
        };
        TimeSpan? maxAge = null;
        if (args.Option("audit-retain") is { } retain)
        {
            var now = DateTimeOffset.UtcNow;
            // An age only: TimeSpec also takes dates, which would make "--audit-retain 2026-01-01" mean something odd.
            if (retain.Length < 2 || !retain[..^1].All(char.IsAsciiDigit) || !TimeSpec.TryParse(retain, now, out var cut) || now - cut <= TimeSpan.Zero)
                throw new CliUsageException($"--audit-retain '{retain}' is not an age like 90d, 12w or 36h");
            maxAge = now - cut;
        }
        long? maxRecords = null;
        if (args.Option("audit-max-records") is { } max)
        {
            if (!long.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                throw new CliUsageException($"--audit-max-records must be a positive number, not '{max}'");
            maxRecords = n;
        }
        var sync = args.Option("audit-sqlite-sync", "normal");
        if (sync is not ("full" or "normal")) throw new CliUsageException($"--audit-sqlite-sync must be full or normal, not '{sync}'");
        return new AuditOptions
        {
            SqliteFullSync = sync == "full",
            Store = store,
            FailureMode = failure,
            SpillPath = args.Option("audit-spill") ?? Path.Combine(stateDir, "audit-spill.jsonl"),
            Retention = new RetentionPolicy(maxAge, maxRecords),
            RecordAll = args.Flag("audit-all"),
        };
    }
}
