using System.Text.Json;
using DockerGuard.Cli.Output;
using DockerGuard.Cli.PolicyTests;

namespace DockerGuard.Cli.Commands;

/// <summary>
/// <c>dockerguard policy test DIR</c>: runs the test cases in <c>tests/</c> beside every policy set
/// under DIR and reports each failing case with its file:line, the expected and actual decision.
/// </summary>
public sealed class PolicyTestCommand : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["policy", "test"];
    public string Summary => "run the policy tests under a directory";
    public string Usage => "dockerguard policy test DIR [--require-coverage] [--output text|json] [--verbose]\n" +
        "  runs DIR/tests/*.yaml against DIR's policies, and the same in every subdirectory holding policies (e.g. DIR/optional/)\n" +
        "  --require-coverage  also fail when an enabled rule has no violating case or no passing case that lists it under covers:\n" +
        "  exit 0: all cases pass (and, with --require-coverage, every enabled rule is covered); 1: a case failed or a rule is not covered;\n" +
        "  3: a policy or test file could not be loaded\n" +
        "  input kinds (input: {KIND: ...}; format in docs/policies.md):\n" +
        string.Join("\n", Inputs.InputKinds.All.Select(k => $"    {k.Kind,-11} {k.Description}"));

    public Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        var a = CliArgs.Parse(args, "verbose", "require-coverage");
        var format = OutputFormats.Read(a, "text", "json");
        var verbose = a.Flag("verbose");
        var requireCoverage = a.Flag("require-coverage");
        a.RejectUnknown();
        if (a.Positionals.Count != 1) throw new CliUsageException("give exactly one policy directory");

        var report = PolicyTestRunner.Run(a.Positionals[0]);
        var coverageFailed = requireCoverage && !report.InputBroken && report.CoverageGaps.Any();
        if (format == OutputFormat.Json) JsonOutput.Write(context.Out, json => WriteJson(json, report, requireCoverage, coverageFailed));
        else
        {
            PolicyTestText.Write(report, context, verbose);
            if (coverageFailed) PolicyTestText.WriteCoverageFailure(report, context);
        }
        return Task.FromResult(report.InputBroken ? ExitCodes.BadInput : report.Failed > 0 || coverageFailed ? ExitCodes.Failed : ExitCodes.Ok);
    }

    private static void WriteJson(Utf8JsonWriter json, PolicyTestReport report, bool requireCoverage, bool coverageFailed)
    {
        json.WriteStartObject();
        json.WriteBoolean("ok", report.Succeeded && !coverageFailed);
        json.WriteBoolean("coverageRequired", requireCoverage);
        json.WriteNumber("passed", report.Passed);
        json.WriteNumber("failed", report.Failed);
        json.WriteStartArray("policySets");
        foreach (var set in report.Sets)
        {
            json.WriteStartObject();
            json.WriteString("directory", set.Set.Directory);
            if (set.Load.Plan is { } plan)
            {
                json.WriteString("version", plan.Version.ContentHash);
                if (plan.Version.GitCommit is { } commit) json.WriteString("gitCommit", commit);
            }
            json.WriteStartArray("diagnostics");
            foreach (var d in set.Load.Diagnostics.Concat(set.TestDiagnostics)) json.Diagnostic(d);
            json.WriteEndArray();
            json.WriteStartArray("cases");
            foreach (var r in set.Results)
            {
                json.WriteStartObject();
                json.WriteString("name", r.Case.Name);
                json.WriteString("file", r.Case.File);
                json.WriteNumber("line", r.Case.Line);
                json.WriteBoolean("passed", r.Passed);
                json.WriteString("expected", PolicyTestRunner.Name(r.Case.Decision));
                json.StringArray("expectedViolations", r.Case.Violations.Order(StringComparer.Ordinal));
                if (r.Actual is { } d)
                {
                    json.WriteString("actual", PolicyTestRunner.Name(d.Outcome));
                    json.StringArray("actualViolations", d.Violations.Select(v => v.RuleId).Distinct().Order(StringComparer.Ordinal));
                }
                json.StringArray("problems", r.Problems);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.StringArray("rulesWithoutDenyCase", set.WithoutDenyCase);
            json.StringArray("rulesWithoutAllowCase", set.WithoutAllowCase);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
