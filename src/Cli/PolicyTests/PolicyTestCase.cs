using System.Collections.Immutable;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;

namespace DockerGuard.Cli.PolicyTests;

/// <summary>One case of a test file: an input and what the policies must decide about it.</summary>
public sealed record PolicyTestCase
{
    public required string Name { get; init; }
    public required string File { get; init; }
    public int Line { get; init; }
    public required WorkloadRequest Input { get; init; }
    public required DecisionOutcome Decision { get; init; }
    /// <summary>The exact set of rule ids the decision must report as violated (any action).</summary>
    public ImmutableHashSet<string> Violations { get; init; } = [];
    /// <summary>Rules this case exercises without violating them: its allow coverage.</summary>
    public ImmutableHashSet<string> Covers { get; init; } = [];
    /// <summary>When given, the exact set of exception names that must have applied.</summary>
    public ImmutableHashSet<string>? Exceptions { get; init; }
    /// <summary>When given, the exact set of expired exception names that must have been reported.</summary>
    public ImmutableHashSet<string>? ExpiredExceptions { get; init; }
}

/// <summary>A <c>kind: PolicyTest</c> file.</summary>
public sealed record PolicyTestFile(string File, string Name, DateOnly? Today, ImmutableArray<PolicyTestCase> Cases);
