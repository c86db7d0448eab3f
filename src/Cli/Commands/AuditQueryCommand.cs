using DockerGuard.Cli.Audit;

namespace DockerGuard.Cli.Commands;

/// <summary><c>dockerguard audit query</c>: recorded decisions matching the filters, newest first.</summary>
public sealed class AuditQueryCommand : ICliCommand
{
    public const int DefaultLimit = 1000;

    public IReadOnlyList<string> Words { get; } = ["audit", "query"];
    public string Summary => "find recorded decisions by decision, rule, user, image, host, time...";
    public string Usage => $"""
        dockerguard audit query [filters] [--limit N] [--output table|json|jsonl] [--audit STORE | --state-dir DIR]
        {AuditFilterOptions.Help}
          --limit N          at most N records, newest first (default {DefaultLimit})
          --output           table (default), json (one array) or jsonl (one record a line)
        {AuditStoreOption.Help}
          example, who tried to start a privileged container on which host last week, and what stopped them:
            dockerguard audit query --rule privileged --decision deny --since 7d
        """;

    public async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args);
        var query = AuditFilterOptions.Read(a, DateTimeOffset.UtcNow) with { Limit = AuditFilterOptions.Count(a, "limit") ?? DefaultLimit };
        var format = RecordOutput.ReadFormat(a, "table", "table", "json", "jsonl");
        var connection = AuditStoreOption.Resolve(a);
        a.RejectUnknown();
        if (a.Positionals.Count > 0) throw new CliUsageException($"unexpected argument '{a.Positionals[0]}': filters are options (--rule {a.Positionals[0]})");

        return await AuditStoreErrors.WithStoreAsync(connection, context, "audit query", async store =>
        {
            var records = await store.QueryAsync(query, cancellationToken);
            RecordOutput.Write(context.Out, format, records);
            if (format == RecordFormat.Table)
                context.Error.WriteLine(records.Count == query.Limit
                    ? $"{records.Count} records (the newest {query.Limit}; --limit for more, 'audit export' for all)"
                    : $"{records.Count} records");
            return ExitCodes.Ok;
        });
    }
}
