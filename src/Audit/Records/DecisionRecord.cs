using System.Collections.Immutable;

namespace DockerGuard.Audit.Records;

/// <summary>
/// One audited decision as it is stored, queried and exported. Built only by
/// <see cref="DecisionRecordFactory"/>, which redacts every free-text string on the way in, so
/// nothing reaches a store, a spill file or an export without passing redaction once.
/// </summary>
public sealed record DecisionRecord
{
    /// <summary>Sortable id (<see cref="DecisionId"/>): ordering by id is ordering by time.</summary>
    public required string Id { get; init; }
    public required DateTimeOffset Time { get; init; }
    /// <summary>The id the surface gave the request (<see cref="AuditEntry.DecisionId"/>: Kubernetes review uid), kept for correlation.</summary>
    public string? RequestUid { get; init; }
    public required string Host { get; init; }
    /// <summary>docker | kubernetes | oci.</summary>
    public required string Surface { get; init; }
    /// <summary>create | update | exec | attach | start | delete | pluginchange | other.</summary>
    public required string Operation { get; init; }
    public string? User { get; init; }
    public ImmutableArray<string> Groups { get; init; } = [];
    public string? AuthMethod { get; init; }
    public string? ResourceKind { get; init; }
    public string? Namespace { get; init; }
    public string? Name { get; init; }
    public string? ContainerId { get; init; }
    public ImmutableArray<string> Images { get; init; } = [];
    /// <summary>The exec command, redacted (<c>--password x</c>, <c>TOKEN=x</c> lose their values).</summary>
    public ImmutableArray<string> Command { get; init; } = [];
    /// <summary>allow | warn | deny.</summary>
    public required string Decision { get; init; }
    public ImmutableArray<ViolationRecord> Violations { get; init; } = [];
    public ImmutableArray<ExceptionRecord> ExceptionsApplied { get; init; } = [];
    public ImmutableArray<ExceptionRecord> ExpiredExceptions { get; init; } = [];
    public required string PolicyVersion { get; init; }
    public double LatencyMs { get; init; }
    /// <summary>Surface detail: Docker method and path without query values, review kind.</summary>
    public string? Route { get; init; }
    /// <summary>Docker AuthZRes status code, set by <see cref="IDecisionAudit.CompleteAsync"/>.</summary>
    public int? ResponseStatus { get; init; }
    /// <summary>The container Docker created, from the AuthZRes body, set by <see cref="IDecisionAudit.CompleteAsync"/>.</summary>
    public string? CreatedContainerId { get; init; }
}

/// <summary>One violation in a record: the rule, what it did, where, and its references.</summary>
public sealed record ViolationRecord(string Rule, string Action, string Field, string Detail, string? Container, string? Policy, ImmutableArray<string> References);

/// <summary>An exception that applied (or had expired) for a rule.</summary>
public sealed record ExceptionRecord(string Policy, string Exception, string Rule, string Reason, string Owner, string? Expires, string? Container);
