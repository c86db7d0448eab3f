using DockerGuard.Audit.Records;
using DockerGuard.Cli.Audit;

namespace DockerGuard.Cli.Commands;

/// <summary><c>dockerguard audit export</c>: every matching record as JSON lines, oldest first, for a SIEM to ingest.</summary>
public sealed class AuditExportCommand : ICliCommand
{
    /// <summary>Records read per query: export walks the store by id in pages, so a million records never sit in memory at once.</summary>
    public const int PageSize = 5000;

    public IReadOnlyList<string> Words { get; } = ["audit", "export"];
    public string Summary => "write recorded decisions as JSON lines (oldest first) for a SIEM";
    public string Usage => $"""
        dockerguard audit export [filters] [--file PATH] [--audit STORE | --state-dir DIR]
        {AuditFilterOptions.Help}
          --file PATH        write to PATH instead of standard output
        {AuditStoreOption.Help}
          one JSON object a line, the same shape as 'audit query --output jsonl'; secrets were redacted before recording.
          example, yesterday's records for a SIEM:  dockerguard audit export --since 1d > decisions.jsonl
        """;

    public async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args);
        var query = AuditFilterOptions.Read(a, DateTimeOffset.UtcNow) with { Ascending = true, Limit = PageSize };
        var file = a.Option("file");
        var connection = AuditStoreOption.Resolve(a);
        a.RejectUnknown();
        if (a.Positionals.Count > 0) throw new CliUsageException($"unexpected argument '{a.Positionals[0]}'");

        return await AuditStoreErrors.WithStoreAsync(connection, context, "audit export", async store =>
        {
            await using var fileWriter = file is null ? null : new StreamWriter(file, append: false);
            var o = (TextWriter?)fileWriter ?? context.Out;
            long count = 0;
            while (true)
            {
                var page = await store.QueryAsync(query, cancellationToken);
                foreach (var r in page) o.WriteLine(RecordJson.Serialize(r));
                count += page.Count;
                if (page.Count < PageSize) break;
                query = query with { AfterId = page[^1].Id };
            }
            await o.FlushAsync(cancellationToken);
            if (file is not null) context.Error.WriteLine($"{count} records written to {file}");
            return ExitCodes.Ok;
        });
    }
}
