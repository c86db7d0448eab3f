using DockerGuard.Audit;

namespace DockerGuard.AuthzPlugin.Load;

/// <summary>
/// Records nothing. Only for <c>--audit off</c>, which isolates the plugin's own cost from the
/// audit trail's fsync; never how the plugin is served.
/// </summary>
public sealed class NoAudit : IDecisionAudit
{
    public ValueTask<string?> RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(null);

    public ValueTask CompleteAsync(string decisionId, int? responseStatus, string? containerId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
