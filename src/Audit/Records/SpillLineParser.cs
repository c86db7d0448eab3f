using System.Text.Json;

namespace DockerGuard.Audit.Records;

/// <summary>Reads one line of a spill file or of the SQLite store's pending journal: the same JSON line format.</summary>
public static class SpillLineParser
{
    /// <summary>A spill line the store can take, or null and why not (a record the store would refuse would block every later replay).</summary>
    public static SpillLine? Parse(string text, out string? reason) => Parse(System.Text.Encoding.UTF8.GetBytes(text), out reason);

    /// <summary>The same, from the line's UTF-8 bytes (no string made for a line that parses).</summary>
    public static SpillLine? Parse(ReadOnlySpan<byte> utf8, out string? reason)
    {
        SpillLine? line;
        try
        {
            line = JsonSerializer.Deserialize(utf8, RecordJson.Default.SpillLine);
        }
        catch (JsonException e)
        {
            reason = $"not a spill line: {e.Message}";
            return null;
        }
        reason = line switch
        {
            null or { Record: null, Completion: null } => "neither a record nor a completion",
            { Record: { } r } when MissingField(r) is { } field => $"record without {field}",
            { Completion.DecisionId: null or "" } => "completion without decisionId",
            _ => null,
        };
        return reason is null ? line : null;
    }

    // The JSON source generator enforces `required` presence, not non-null values: "id": null gets through.
    private static string? MissingField(DecisionRecord r) =>
        string.IsNullOrEmpty(r.Id) ? "id"
        : r.Host is null ? "host"
        : r.Surface is null ? "surface"
        : r.Operation is null ? "operation"
        : r.Decision is null ? "decision"
        : r.PolicyVersion is null ? "policyVersion"
        : null;
}
