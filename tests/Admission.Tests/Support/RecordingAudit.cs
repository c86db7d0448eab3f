using System.Collections.Concurrent;
using DockerGuard.Audit;

namespace DockerGuard.Admission.Tests.Support;

/// <summary>
/// An in-memory IDecisionAudit: the SQLite store is not on main yet, so this stands in to observe
/// what the webhook records and in which order relative to its answer.
/// </summary>
public sealed class RecordingAudit(Exception? failWith = null) : IDecisionAudit
{
    public ConcurrentQueue<AuditEntry> Entries { get; } = new();

    public ValueTask<string?> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        if (failWith is not null) throw failWith;
        Entries.Enqueue(entry);
        return ValueTask.FromResult<string?>(entry.DecisionId);
    }

    public ValueTask CompleteAsync(string decisionId, int? responseStatus, string? containerId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
