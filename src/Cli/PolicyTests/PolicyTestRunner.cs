using System.Collections.Immutable;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Files;
using YamlDotNet.Core;

namespace DockerGuard.Cli.PolicyTests;

/// <summary>
/// Runs every test file of every policy set under a root against that set's compiled policies,
/// exactly as <c>serve</c> would evaluate them (same loader, same engine).
/// </summary>
public static class PolicyTestRunner
{
    public static PolicyTestReport Run(string root, TimeProvider? time = null)
    {
        if (!Directory.Exists(root))
        {
            var missing = PolicyDirectory.Load(root, time);
            return new PolicyTestReport(root, [new PolicySetReport { Set = new PolicySet(root, [], []), Load = missing }]);
        }
        return new PolicyTestReport(root, [.. PolicySet.Find(root).Select(s => RunSet(s, time))]);
    }

    private static PolicySetReport RunSet(PolicySet set, TimeProvider? time)
    {
        var load = PolicyDirectory.Load(set.Directory, time);
        var diagnostics = new Diagnostics();
        var files = new List<PolicyTestFile>();
        foreach (var path in set.TestFiles)
            if (PolicyTestParser.Load(path, diagnostics) is { } f) files.Add(f);
        if (load.Plan is not { } plan)
            return new PolicySetReport { Set = set, Load = load, TestDiagnostics = [.. diagnostics.All] };

        var results = new List<CaseResult>();
        foreach (var file in files)
        {
            TimeProvider clock = file.Today is { } today ? new FixedClock(today) : time ?? TimeProvider.System;
            foreach (var c in file.Cases)
                results.Add(Check(c, PolicyEngine.Evaluate(plan, c.Input, clock)));
        }
        if (files.Count == 0 && set.TestFiles.Count == 0)
            diagnostics.FileWarning(set.Directory, "no tests for these policies", $"add {PolicySet.TestsDirectory}/*.yaml with kind: {PolicyFormat.TestKind}");

        var enabled = plan.Entries.Select(e => e.Info.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        var cases = files.SelectMany(f => f.Cases).ToList();
        return new PolicySetReport
        {
            Set = set,
            Load = load,
            TestDiagnostics = [.. diagnostics.All],
            Results = [.. results],
            WithoutDenyCase = [.. enabled.Where(id => !cases.Any(c => c.Violations.Contains(id)))],
            WithoutAllowCase = [.. enabled.Where(id => !cases.Any(c => c.Covers.Contains(id) && !c.Violations.Contains(id)))],
        };
    }

    private static CaseResult Check(PolicyTestCase c, Decision actual)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        if (actual.Outcome != c.Decision)
            problems.Add($"decision: expected {Name(c.Decision)}, got {Name(actual.Outcome)}");
        var ids = actual.Violations.Select(v => v.RuleId).ToImmutableHashSet();
        Compare("violations", c.Violations, ids, problems);
        if (c.Exceptions is { } ex) Compare("exceptions", ex, [.. actual.ExceptionsApplied.Select(a => a.Exception)], problems);
        if (c.ExpiredExceptions is { } exp) Compare("expiredExceptions", exp, [.. actual.ExpiredExceptions.Select(a => a.Exception)], problems);
        foreach (var id in c.Covers)
            if (RuleCatalog.Find(id) is not null && c.Violations.Contains(id))
                problems.Add($"covers: '{id}' is also an expected violation; 'covers' names rules the input must pass");
        return new CaseResult(c, actual, problems.ToImmutable());
    }

    private static void Compare(string what, ImmutableHashSet<string> expected, ImmutableHashSet<string> actual, ImmutableArray<string>.Builder problems)
    {
        var missing = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0) problems.Add($"{what}: expected but not reported: {string.Join(", ", missing)}");
        if (extra.Count > 0) problems.Add($"{what}: reported but not expected: {string.Join(", ", extra)}");
    }

    public static string Name(DecisionOutcome o) => o.ToString().ToLowerInvariant();
}
