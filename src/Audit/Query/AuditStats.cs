namespace DockerGuard.Audit.Query;

/// <summary>Denials counted per rule, per user and per UTC day over the queried range.</summary>
public sealed record AuditStats(
    long Decisions,
    long Denials,
    IReadOnlyList<StatRow> DenialsByRule,
    IReadOnlyList<StatRow> DenialsByUser,
    IReadOnlyList<StatRow> DenialsByDay);

public sealed record StatRow(string Key, long Count);
