using DockerGuard.Audit;

namespace DockerGuard.Admission;

/// <summary>
/// Records nothing: for <c>webhook serve</c> until a durable store is configured, and for tests of
/// the answer itself. Says so rather than pretending to persist.
/// </summary>
public sealed class NoDecisionAudit : IDecisionAudit
{
    public static readonly NoDecisionAudit Instance = new();

    public ValueTask<string?> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(null);

    public ValueTask CompleteAsync(string decisionId, int? responseStatus, string? containerId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
