using DockerGuard.Policy.Catalog;

namespace DockerGuard.Cli.PolicyTests;

/// <summary>The terminal form of a <see cref="PolicyTestReport"/>: failures in full, passes as a count unless --verbose.</summary>
public static class PolicyTestText
{
    public static void Write(PolicyTestReport report, CliContext context, bool verbose)
    {
        var o = context.Out;
        foreach (var set in report.Sets)
        {
            var version = set.Load.Plan is { } plan ? $"version {plan.Version}, {plan.Entries.Length} rule entries" : "not loaded";
            o.WriteLine($"{set.Set.Directory} ({string.Join(", ", set.Set.PolicyFiles.Select(Path.GetFileName))}; {version})");
            foreach (var d in set.Load.Diagnostics.Concat(set.TestDiagnostics))
                (d.IsError ? context.Error : o).WriteLine($"  {d}");
            foreach (var r in set.Results)
            {
                if (r.Passed)
                {
                    if (verbose) o.WriteLine($"  ok    {r.Case.Name}");
                    continue;
                }
                o.WriteLine($"  FAIL  {r.Case.Name}  ({r.Case.File}:{r.Case.Line})");
                foreach (var p in r.Problems) o.WriteLine($"        {p}");
                if (r.Actual is { } d)
                    foreach (var v in d.Violations) o.WriteLine($"        {v.Action.ToString().ToLowerInvariant()}: {ViolationText.What(v)}");
            }
            if (set.Load.Succeeded && !set.Results.IsEmpty)
            {
                o.WriteLine($"  {set.Results.Count(r => r.Passed)}/{set.Results.Length} cases pass");
                o.WriteLine(set.WithoutDenyCase.IsEmpty && set.WithoutAllowCase.IsEmpty
                    ? "  coverage: every enabled rule has a violating case and a passing (covers:) case"
                    : $"  coverage: no violating case for [{string.Join(", ", set.WithoutDenyCase)}]; no passing case for [{string.Join(", ", set.WithoutAllowCase)}]");
            }
        }
        o.WriteLine(report.InputBroken
            ? "policy test: could not load every policy and test file (see above)"
            : $"policy test: {report.Passed} passed, {report.Failed} failed");
    }

    /// <summary>Why <c>--require-coverage</c> failed the run: one line per rule, naming the case it lacks.</summary>
    public static void WriteCoverageFailure(PolicyTestReport report, CliContext context)
    {
        var gaps = report.CoverageGaps.ToList();
        foreach (var g in gaps)
        {
            var missing = (g.NoDenyCase, g.NoAllowCase) switch
            {
                (true, true) => "no violating case and no passing case listing it under covers:",
                (true, false) => "no violating case",
                _ => "no passing case listing it under covers:",
            };
            context.Error.WriteLine($"{g.Directory}: rule {g.Rule}: {missing}");
        }
        context.Error.WriteLine($"policy test: --require-coverage: {gaps.Count} enabled rule(s) not covered (see above)");
    }
}
