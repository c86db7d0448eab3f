using System.Globalization;
using System.Text;
using DockerGuard.Audit.Records;

namespace DockerGuard.Cli.Audit;

/// <summary>How <c>audit query</c>, <c>tail</c> and <c>export</c> print records: a table for people, or the record JSON (<see cref="RecordJson"/>) as one array or one object per line.</summary>
public enum RecordFormat
{
    Table,
    Json,
    JsonLines,
}

public static class RecordOutput
{
    public static RecordFormat ReadFormat(CliArgs args, string @default, params string[] allowed)
    {
        var value = args.Option("output") ?? @default;
        if (Array.IndexOf(allowed, value) < 0)
            throw new CliUsageException($"--output must be one of {string.Join(", ", allowed)}, not '{value}'");
        return value switch { "json" => RecordFormat.Json, "jsonl" => RecordFormat.JsonLines, _ => RecordFormat.Table };
    }

    public static void Write(TextWriter o, RecordFormat format, IReadOnlyList<DecisionRecord> records)
    {
        switch (format)
        {
            case RecordFormat.Json:
                o.Write('[');
                for (var i = 0; i < records.Count; i++)
                {
                    o.Write(i == 0 ? "\n  " : ",\n  ");
                    o.Write(RecordJson.Serialize(records[i]));
                }
                o.WriteLine(records.Count == 0 ? "]" : "\n]");
                break;
            case RecordFormat.JsonLines:
                foreach (var r in records) o.WriteLine(RecordJson.Serialize(r));
                break;
            default:
                o.WriteLine(TableHeader);
                foreach (var r in records) o.WriteLine(TableRow(r));
                break;
        }
    }

    public static string TableHeader => Row("TIME (UTC)", "HOST", "SURFACE", "OPERATION", "USER", "RESOURCE", "IMAGE", "DECISION", "RULES (what decided it)");

    /// <summary>One line per record. RULES lists the denying rules first, then the warnings, each with its field, so a denial says what stopped it.</summary>
    public static string TableRow(DecisionRecord r)
    {
        var resource = string.Join('/', new[] { r.Namespace, r.Name ?? Short(r.ContainerId) }.Where(s => !string.IsNullOrEmpty(s)));
        var rules = string.Join("; ", r.Violations
            .OrderBy(v => v.Action switch { "deny" => 0, "warn" => 1, _ => 2 })
            .Select(v => $"{v.Rule}[{v.Action}] {v.Field}")
            .Distinct());
        if (r.ExceptionsApplied.Length > 0)
            rules += (rules.Length > 0 ? "; " : "") + "excepted: " + string.Join(", ", r.ExceptionsApplied.Select(e => $"{e.Rule} ({e.Policy}/{e.Exception})"));
        return Row(r.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Host, r.Surface, r.Operation,
            r.User ?? "-", resource.Length == 0 ? "-" : resource, r.Images.Length == 0 ? "-" : string.Join(',', r.Images), r.Decision, rules.Length == 0 ? "-" : rules);
    }

    private static string? Short(string? containerId) => containerId is { Length: > 12 } ? containerId[..12] : containerId;

    private static string Row(string time, string host, string surface, string operation, string user, string resource, string image, string decision, string rules)
    {
        var b = new StringBuilder();
        b.Append(time.PadRight(19)).Append("  ").Append(Cell(host, 16)).Append("  ").Append(surface.PadRight(10)).Append("  ")
            .Append(operation.PadRight(9)).Append("  ").Append(Cell(user, 16)).Append("  ").Append(Cell(resource, 24)).Append("  ")
            .Append(Cell(image, 28)).Append("  ").Append(decision.PadRight(8)).Append("  ").Append(rules);
        return b.ToString().TrimEnd();
    }

    /// <summary>Pads to the column; a longer value is kept whole (a cut host or image name would mislead) and pushes the row.</summary>
    private static string Cell(string value, int width) => value.PadRight(width);
}
