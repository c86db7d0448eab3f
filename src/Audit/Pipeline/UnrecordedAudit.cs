using DockerGuard.Audit.Telemetry;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Audit.Pipeline;

/// <summary>
/// For a server run without an audit store: nothing is recorded, but every decision still gets
/// its span and metrics (<see cref="DecisionTelemetry"/>), so /metrics and OTLP are never blank.
/// </summary>
public sealed class UnrecordedAudit : IDecisionAudit
{
    public static readonly UnrecordedAudit Instance = new();

    public ValueTask<string?> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        using var span = DecisionTelemetry.StartDecision(entry, DateTimeOffset.UtcNow);
        return ValueTask.FromResult<string?>(null);
    }

    public ValueTask CompleteAsync(string decisionId, int? responseStatus, string? containerId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public bool WouldRecord(Decision decision, bool readOnlyCall) => false;
}
