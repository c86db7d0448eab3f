using System.Collections.Concurrent;
using DockerGuard.Audit;
using DockerGuard.Audit.Pipeline;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.AuthzPlugin.Tests.Support;

/// <summary>
/// An in-process audit trail for tests that look at what the plugin recorded: entries as handed
/// over, completions by id. Not a stand-in for durability (the SQLite store has its own tests).
/// </summary>
public sealed class RecordingAudit : IDecisionAudit
{
    private int _next;

    public ConcurrentQueue<(string Id, AuditEntry Entry)> Entries { get; } = new();
    public ConcurrentDictionary<string, (int? Status, string? ContainerId)> Completions { get; } = new();
    /// <summary>When set, RecordAsync fails as a store that cannot write would.</summary>
    public bool Unavailable { get; set; }
    /// <summary>When set, CompleteAsync waits for it, as a completion stuck behind a slow group commit would.</summary>
    public Task? CompletionGate { get; set; }
    /// <summary>Cleared to decide what to record as the real audit does by default (no plain read-only allows).</summary>
    public bool RecordAll { get; set; } = true;

    public bool WouldRecord(Decision decision, bool readOnlyCall) => RecordingPolicy.ShouldRecord(decision, readOnlyCall, RecordAll);

    public ValueTask<string?> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        if (Unavailable) throw new AuditUnavailableException("test store offline");
        var id = $"d{Interlocked.Increment(ref _next):D6}";
        Entries.Enqueue((id, entry));
        return ValueTask.FromResult<string?>(id);
    }

    public async ValueTask CompleteAsync(string decisionId, int? responseStatus, string? containerId, CancellationToken cancellationToken = default)
    {
        if (CompletionGate is { } gate) await gate;
        Completions[decisionId] = (responseStatus, containerId);
    }
}
