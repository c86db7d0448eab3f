using System.Collections.Immutable;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;

namespace DockerGuard.Cli.PolicyTests;

/// <summary>The outcome of one case: what was expected, what the engine decided, and what differs.</summary>
public sealed record CaseResult(PolicyTestCase Case, Decision? Actual, ImmutableArray<string> Problems)
{
    public bool Passed => Problems.IsEmpty;
}

/// <summary>One policy set's load, its test files' problems, its case results and its rule coverage.</summary>
public sealed record PolicySetReport
{
    public required PolicySet Set { get; init; }
    public required PolicyLoadResult Load { get; init; }
    /// <summary>Problems in the test files themselves (syntax, unknown keys, bad inputs).</summary>
    public ImmutableArray<Diagnostic> TestDiagnostics { get; init; } = [];
    public ImmutableArray<CaseResult> Results { get; init; } = [];
    /// <summary>Enabled rules that no case expects to be violated.</summary>
    public ImmutableArray<string> WithoutDenyCase { get; init; } = [];
    /// <summary>Enabled rules that no case lists under <c>covers</c> while expecting them to pass.</summary>
    public ImmutableArray<string> WithoutAllowCase { get; init; } = [];

    public bool InputBroken => !Load.Succeeded || TestDiagnostics.Any(d => d.IsError);
}

/// <summary>Everything <c>policy test</c> found under one root.</summary>
public sealed record PolicyTestReport(string Root, ImmutableArray<PolicySetReport> Sets)
{
    public int Passed => Sets.Sum(s => s.Results.Count(r => r.Passed));
    public int Failed => Sets.Sum(s => s.Results.Count(r => !r.Passed));
    public bool InputBroken => Sets.IsEmpty || Sets.Any(s => s.InputBroken);
    public bool Succeeded => !InputBroken && Failed == 0;

    /// <summary>Each enabled rule that lacks a violating or a passing (covers:) case, per policy set, in rule order.</summary>
    public IEnumerable<CoverageGap> CoverageGaps => Sets.SelectMany(s =>
        s.WithoutDenyCase.Union(s.WithoutAllowCase).Order(StringComparer.Ordinal)
            .Select(rule => new CoverageGap(s.Set.Directory, rule, s.WithoutDenyCase.Contains(rule), s.WithoutAllowCase.Contains(rule))));
}

/// <summary>A rule a policy set enables without a case that violates it (<see cref="NoDenyCase"/>) or one that passes it (<see cref="NoAllowCase"/>).</summary>
public sealed record CoverageGap(string Directory, string Rule, bool NoDenyCase, bool NoAllowCase);
