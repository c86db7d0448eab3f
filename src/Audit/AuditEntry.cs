using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;

namespace DockerGuard.Audit;

/// <summary>
/// What a surface hands to the audit trail for one decision. The audit layer turns it into a
/// redacted record; surfaces never build records themselves, so redaction lives in one place.
/// </summary>
public sealed record AuditEntry(WorkloadRequest Request, Decision Decision, TimeSpan Latency)
{
    /// <summary>A surface-given id (Kubernetes review uid). Kept in the record as <c>requestUid</c>; the record's own id
    /// is always a generated sortable one (time ranges use it), and that is what RecordAsync returns.</summary>
    public string? DecisionId { get; init; }
    /// <summary>A plain allow of a read-only call (docker ps, inspect): not recorded unless configured.</summary>
    public bool ReadOnlyCall { get; init; }
    /// <summary>Surface-specific detail for the record (Docker method and route, review kind); never secrets.</summary>
    public string? Route { get; init; }
}
