using DockerGuard.Audit.Query;
using DockerGuard.Cli.Audit;
using DockerGuard.Cli.Output;

namespace DockerGuard.Cli.Commands;

/// <summary><c>dockerguard audit stats</c>: how many decisions and denials, with denials per rule, user and UTC day.</summary>
public sealed class AuditStatsCommand : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["audit", "stats"];
    public string Summary => "count denials per rule, per user and per day";
    public string Usage => $"""
        dockerguard audit stats [filters] [--output table|json] [--audit STORE | --state-dir DIR]
        {AuditFilterOptions.Help}
        {AuditStoreOption.Help}
          example, last month's denials:  dockerguard audit stats --since 30d
        """;

    public async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args);
        var query = AuditFilterOptions.Read(a, DateTimeOffset.UtcNow);
        var format = OutputFormats.Read(a, "table", "json");
        var connection = AuditStoreOption.Resolve(a);
        a.RejectUnknown();
        if (a.Positionals.Count > 0) throw new CliUsageException($"unexpected argument '{a.Positionals[0]}'");

        return await AuditStoreErrors.WithStoreAsync(connection, context, "audit stats", async store =>
        {
            var stats = await store.StatsAsync(query, cancellationToken);
            if (format == OutputFormat.Json) Json(stats, context.Out);
            else Table(stats, context.Out);
            return ExitCodes.Ok;
        });
    }

    private static void Table(AuditStats s, TextWriter o)
    {
        o.WriteLine($"{s.Decisions} decisions recorded, {s.Denials} denied");
        Section(o, "DENIALS BY RULE", "RULE", s.DenialsByRule);
        Section(o, "DENIALS BY USER", "USER", s.DenialsByUser);
        Section(o, "DENIALS BY DAY (UTC)", "DAY", s.DenialsByDay);
    }

    private static void Section(TextWriter o, string title, string key, IReadOnlyList<StatRow> rows)
    {
        o.WriteLine();
        o.WriteLine(title);
        if (rows.Count == 0) { o.WriteLine("  (none)"); return; }
        var width = Math.Max(key.Length, rows.Max(r => r.Key.Length));
        o.WriteLine($"  {key.PadRight(width)}  DENIALS");
        foreach (var r in rows) o.WriteLine($"  {r.Key.PadRight(width)}  {r.Count}");
    }

    private static void Json(AuditStats s, TextWriter o) => JsonOutput.Write(o, json =>
    {
        json.WriteStartObject();
        json.WriteNumber("decisions", s.Decisions);
        json.WriteNumber("denials", s.Denials);
        Rows(json, "denialsByRule", "rule", s.DenialsByRule);
        Rows(json, "denialsByUser", "user", s.DenialsByUser);
        Rows(json, "denialsByDay", "day", s.DenialsByDay);
        json.WriteEndObject();
    });

    private static void Rows(System.Text.Json.Utf8JsonWriter json, string name, string key, IReadOnlyList<StatRow> rows)
    {
        json.WriteStartArray(name);
        foreach (var r in rows)
        {
            json.WriteStartObject();
            json.WriteString(key, r.Key);
            json.WriteNumber("denials", r.Count);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
