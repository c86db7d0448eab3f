using System.Text.Json;
using System.Text.Json.Serialization;

namespace DockerGuard.Audit.Records;

/// <summary>The JSON shape of records: stored, spilled, exported (JSON lines for SIEMs) and printed. camelCase, no nulls.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DecisionRecord))]
[JsonSerializable(typeof(List<DecisionRecord>))]
[JsonSerializable(typeof(SpillLine))]
public sealed partial class RecordJson : JsonSerializerContext
{
    public static string Serialize(DecisionRecord record) => JsonSerializer.Serialize(record, Default.DecisionRecord);

    public static DecisionRecord Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Default.DecisionRecord) ?? throw new JsonException("empty audit record");
}

/// <summary>One line of the fail-open spill file: a record, or the completion of one.</summary>
public sealed record SpillLine(DecisionRecord? Record, Completion? Completion);

/// <summary>What <see cref="IDecisionAudit.CompleteAsync"/> adds to a record after the answer.</summary>
public sealed record Completion(string DecisionId, int? ResponseStatus, string? ContainerId);
