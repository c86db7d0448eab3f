using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Policy.Evaluation;

/// <summary>One enabled rule of one policy, with its bound parameters, action, scope and exceptions.</summary>
public sealed record PlanEntry(
    BoundRule Check,
    RuleAction Action,
    string PolicyName,
    Scope Scope,
    ImmutableArray<PolicyException> Exceptions)
{
    public RuleInfo Info => Check.Rule.Info;
}
