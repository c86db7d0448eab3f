using DockerGuard.Audit.Query;
using DockerGuard.Audit.Records;
using DockerGuard.Cli.Audit;

namespace DockerGuard.Cli.Commands;

/// <summary><c>dockerguard audit tail</c>: the latest recorded decisions, oldest first; <c>--follow</c> keeps printing new ones.</summary>
public sealed class AuditTailCommand : ICliCommand
{
    /// <summary>
    /// How far back each follow poll looks again. Ids are time-ordered but a record becomes visible
    /// only when its group commit lands, and another host's clock may lag: a record can appear with
    /// an id below one already printed. Re-reading this window (and skipping ids already printed)
    /// catches those stragglers.
    /// </summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Words { get; } = ["audit", "tail"];
    public string Summary => "show the latest recorded decisions; --follow to keep watching";
    public string Usage => $"""
        dockerguard audit tail [filters] [-n N] [--follow [--interval 1s]] [--output table|jsonl] [--audit STORE | --state-dir DIR]
        {AuditFilterOptions.Help}
          -n, --lines N      how many of the latest records to show first (default 20)
          --follow           keep printing new records as they are recorded, until interrupted
          --interval T       how often --follow polls the store (default 1s)
        {AuditStoreOption.Help}
          example, watch denials on every host as they happen:  dockerguard audit tail --decision deny --follow
        """;

    public async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args.Select(x => x == "-n" ? "--lines" : x), "follow");
        var query = AuditFilterOptions.Read(a, DateTimeOffset.UtcNow);
        var lines = a.Option("lines") is null ? 20 : AuditFilterOptions.Count(a, "lines")!.Value;
        var follow = a.Flag("follow");
        var intervalText = a.Option("interval", "1s");
        var format = RecordOutput.ReadFormat(a, "table", "table", "jsonl");
        var connection = AuditStoreOption.Resolve(a);
        a.RejectUnknown();
        if (a.Positionals.Count > 0) throw new CliUsageException($"unexpected argument '{a.Positionals[0]}'");
        var now = DateTimeOffset.UtcNow;
        if (!TimeSpec.TryParse(intervalText, now, out var ago) || now - ago <= TimeSpan.Zero)
            throw new CliUsageException($"--interval '{intervalText}' is not a duration like 1s, 5s or 1m");
        var interval = now - ago;

        return await AuditStoreErrors.WithStoreAsync(connection, context, "audit tail", async store =>
        {
            var latest = (await store.QueryAsync(query with { Limit = lines }, cancellationToken)).Reverse().ToList();
            if (format == RecordFormat.Table) context.Out.WriteLine(RecordOutput.TableHeader);
            Print(context.Out, format, latest);
            if (!follow) return ExitCodes.Ok;

            var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var r in latest) seen[r.Id] = r.Time;
            var newest = latest.Count > 0 ? latest[^1].Time : DateTimeOffset.UtcNow - Lookback;
            try
            {
                while (true)
                {
                    await Task.Delay(interval, cancellationToken);
                    var from = newest - Lookback;
                    var fresh = (await store.QueryAsync(query with { Since = Max(query.Since, from), Ascending = true }, cancellationToken))
                        .Where(r => !seen.ContainsKey(r.Id)).ToList();
                    Print(context.Out, format, fresh);
                    foreach (var r in fresh)
                    {
                        seen[r.Id] = r.Time;
                        if (r.Time > newest) newest = r.Time;
                    }
                    // Forget what the next poll can no longer return, so a long follow keeps a bounded set.
                    foreach (var old in seen.Where(kv => kv.Value < newest - Lookback - Lookback).Select(kv => kv.Key).ToList()) seen.Remove(old);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
        });
    }

    private static DateTimeOffset Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static void Print(TextWriter o, RecordFormat format, IReadOnlyList<DecisionRecord> records)
    {
        foreach (var r in records) o.WriteLine(format == RecordFormat.JsonLines ? RecordJson.Serialize(r) : RecordOutput.TableRow(r));
        o.Flush();
    }
}
