using System.Collections.Concurrent;
using DockerGuard.Audit;

namespace DockerGuard.Equivalence.Tests.Support;

/// <summary>
/// An in-memory IDecisionAudit to read the decision each surface made (its record is what the
/// surface hands to the audit trail); the stores themselves are tested in Audit.Tests.
/// </summary>
public sealed class RecordingAudit : IDecisionAudit
{
    public ConcurrentQueue<AuditEntry> Entries { get; } = new();

    public ValueTask<string?> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Entries.Enqueue(entry);
        return ValueTask.FromResult<string?>(entry.DecisionId ?? Guid.NewGuid().ToString("N"));
    }

    public ValueTask CompleteAsync(string decisionId, int? responseStatus, string? containerId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
