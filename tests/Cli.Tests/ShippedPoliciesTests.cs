using DockerGuard.Cli.PolicyTests;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Files;

namespace DockerGuard.Cli.Tests;

/// <summary>The policies/ directory this repository ships: it loads, its tests pass, and they cover every rule it runs.</summary>
public class ShippedPoliciesTests
{
    private static readonly string Policies = Repository.PathOf("policies");

    [Fact]
    public void Policy_test_on_the_shipped_directory_succeeds()
    {
        var run = CliRun.Of("policy", "test", Policies);
        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Out.Should().MatchRegex(@"policy test: \d+ passed, 0 failed");
    }

    [Fact]
    public void Policy_test_with_require_coverage_on_the_shipped_directory_succeeds()
    {
        var run = CliRun.Of("policy", "test", Policies, "--require-coverage");
        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public void Every_policy_set_has_a_violating_and_a_passing_case_for_every_rule_it_runs()
    {
        var report = PolicyTestRunner.Run(Policies);
        report.Sets.Select(s => Path.GetFileName(s.Set.Directory)).Should().BeEquivalentTo("policies", "optional", "examples");
        foreach (var set in report.Sets)
        {
            set.WithoutDenyCase.Should().BeEmpty($"{set.Set.Directory} needs a case that violates each of these rules");
            set.WithoutAllowCase.Should().BeEmpty($"{set.Set.Directory} needs a passing case with 'covers:' for each of these rules");
        }
    }

    [Fact]
    public void Lint_of_the_shipped_directory_reports_nothing()
    {
        var run = CliRun.Of("policy", "lint", Policies);
        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Out.Should().Contain("ok: no errors, 0 warning(s)");
    }

    [Fact]
    public void The_default_policy_lists_every_catalogue_rule_at_its_default_action()
    {
        var doc = PolicyFileParser.Load(Path.Combine(Policies, "cis-runtime.yaml"), new Diagnostics())!;
        doc.Defaults.Should().Be(UnlistedRules.None);
        var listed = doc.Rules.ToDictionary(r => r.Rule.Info.Id, r => r.Action);
        foreach (var rule in RuleCatalog.All)
        {
            listed.Should().ContainKey(rule.Info.Id, $"policies/cis-runtime.yaml should state every rule; add '{rule.Info.Id}: {{action: {rule.Info.DefaultAction.ToString().ToLowerInvariant()}}}'");
            listed[rule.Info.Id].Should().Be(rule.Info.DefaultAction, rule.Info.Id);
        }
    }

    [Fact]
    public void Serving_the_default_directory_loads_only_the_default_policy()
    {
        var plan = PolicyDirectory.Load(Policies).Plan!;
        plan.PolicyNames.Should().Equal("cis-runtime");
    }
}
