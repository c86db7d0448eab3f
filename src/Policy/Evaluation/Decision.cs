using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Policy.Evaluation;

/// <summary>
/// The engine's answer. Violations hold every rule broken and not excepted, whatever its action
/// (deny, warn or audit); the outcome follows from the strongest action among them.
/// </summary>
public sealed record Decision
{
    public required DecisionOutcome Outcome { get; init; }
    public ImmutableArray<Violation> Violations { get; init; } = [];
    public ImmutableArray<AppliedException> ExceptionsApplied { get; init; } = [];
    /// <summary>Exceptions that matched but had expired: they did not apply, and the owner should hear about it.</summary>
    public ImmutableArray<AppliedException> ExpiredExceptions { get; init; } = [];
    public required PolicyVersion PolicyVersion { get; init; }
    public TimeSpan EvaluationTime { get; init; }

    public bool Allowed => Outcome != DecisionOutcome.Deny;

    public IEnumerable<Violation> Denials => Violations.Where(v => v.Action == RuleAction.Deny);
    public IEnumerable<Violation> Warnings => Violations.Where(v => v.Action == RuleAction.Warn);
}
