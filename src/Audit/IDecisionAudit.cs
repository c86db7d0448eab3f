using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Audit;

/// <summary>
/// The audit trail as surfaces see it. <see cref="RecordAsync"/> completes only when the record is
/// durable, and a surface answers only after it completes: a crash loses no answered decision.
/// </summary>
public interface IDecisionAudit
{
    /// <summary>Records a decision; returns its id (null when the entry was not recorded by configuration).
    /// Throws <see cref="AuditUnavailableException"/> when the store cannot take it and the configured failure mode is fail-closed.</summary>
    ValueTask<string?> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Completes a record with what happened after the decision (Docker AuthZRes status, created container id).</summary>
    ValueTask CompleteAsync(string decisionId, int? responseStatus, string? containerId, CancellationToken cancellationToken = default);

    /// <summary>Whether <see cref="RecordAsync"/> would record this decision. When false, a surface may answer
    /// without calling it, reporting the decision through <see cref="Telemetry.DecisionTelemetry.StartDecision"/>
    /// only when someone listens. True by default: an implementation that does not say is handed everything.</summary>
    bool WouldRecord(Decision decision, bool readOnlyCall) => true;
}

/// <summary>The store could not make a record durable; a fail-closed surface denies the request.</summary>
public sealed class AuditUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
