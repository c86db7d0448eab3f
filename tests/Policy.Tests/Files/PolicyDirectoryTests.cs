using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Files;

namespace DockerGuard.Policy.Tests.Files;

/// <summary>Loading a real directory: which files count, one plan from all of them, and what stops a plan.</summary>
public class PolicyDirectoryTests
{
    private static readonly string Strict = PolicyYaml.Policy("strict", "  rules: {privileged: deny, host-network: deny}\n");
    private static readonly string Lenient = PolicyYaml.Policy("lenient", "  scope: {surfaces: [kubernetes]}\n  rules: {host-network: warn}\n");

    [Fact]
    public void All_yaml_and_yml_files_compile_into_one_plan_with_an_entry_per_enabled_rule_per_policy()
    {
        using var dir = new TempDirectory();
        dir.Write("b-strict.yaml", Strict);
        dir.Write("a-lenient.yml", Lenient);
        dir.Write("README.md", "not a policy");
        dir.Write("tests/case.yaml", "kind: PolicyTest");
        dir.Write("optional/other.yaml", PolicyYaml.Policy("optional", "  rules: {privileged: warn}\n"));

        var result = PolicyDirectory.Load(dir.Path);

        result.Diagnostics.Should().BeEmpty();
        result.Files.Select(Path.GetFileName).Should().Equal("a-lenient.yml", "b-strict.yaml");
        var plan = result.Plan!;
        plan.PolicyNames.Should().Equal("lenient", "strict");
        plan.Entries.Select(e => (e.PolicyName, e.Info.Id, e.Action)).Should().Equal(
            ("lenient", "host-network", RuleAction.Warn),
            ("strict", "host-network", RuleAction.Deny),
            ("strict", "privileged", RuleAction.Deny));
        plan.Entries[0].Scope.Surfaces.Should().Equal(Model.Surface.Kubernetes);
    }

    [Fact]
    public void Rules_set_to_off_get_no_plan_entry()
    {
        using var dir = new TempDirectory();
        dir.Write("p.yaml", PolicyYaml.Policy("p", "  defaults: catalog\n  rules: {privileged: off}\n"));
        var plan = PolicyDirectory.Load(dir.Path).Plan!;
        plan.Entries.Select(e => e.Info.Id).Should().NotContain("privileged").And.Contain("host-network");
        plan.Entries.Should().HaveCount(RuleCatalog.All.Count(r => r.Info.DefaultAction != RuleAction.Off) - 1);
    }

    [Fact]
    public void Duplicate_policy_names_are_an_error_that_names_both_files()
    {
        using var dir = new TempDirectory();
        dir.Write("a.yaml", Strict);
        var second = dir.Write("b.yaml", Strict.Replace("privileged: deny", "privileged: warn", StringComparison.Ordinal));
        var result = PolicyDirectory.Load(dir.Path);
        result.Plan.Should().BeNull();
        var e = result.Errors.Should().ContainSingle().Subject;
        e.ToString().Should().Be($"{second}:4:9: policy name 'strict' is already used by {Path.Combine(dir.Path, "a.yaml")}:4; give every policy in the directory its own metadata.name");
    }

    [Fact]
    public void One_broken_file_means_no_plan_at_all()
    {
        using var dir = new TempDirectory();
        dir.Write("a.yaml", Strict);
        dir.Write("b.yaml", Lenient.Replace("warn", "wran", StringComparison.Ordinal));
        var result = PolicyDirectory.Load(dir.Path);
        result.Plan.Should().BeNull();
        result.Errors.Single().File.Should().EndWith("b.yaml");
    }

    [Fact]
    public void Missing_or_empty_directory_is_an_error_not_an_empty_plan()
    {
        using var dir = new TempDirectory();
        PolicyDirectory.Load(dir.Path).Errors.Single().Message.Should().StartWith("no policy files");
        PolicyDirectory.Load(Path.Combine(dir.Path, "nope")).Errors.Single().Message.Should().Be("policy directory does not exist");
    }

    [Fact]
    public void An_expired_exception_loads_and_is_reported_as_a_warning_at_its_line()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("p.yaml", PolicyYaml.Policy("p", """
              rules: {privileged: deny}
              exceptions:
                - name: old
                  rules: [privileged]
                  match: {namespaces: [ci]}
                  reason: migration
                  owner: platform-team
                  expires: 2020-01-31
            """));
        var result = PolicyDirectory.Load(dir.Path);
        result.Plan.Should().NotBeNull();
        result.Warnings.Should().ContainSingle().Which.ToString().Should().Be(
            $"{file}:8:7: warning: exception 'old' of policy 'p' expired on 2020-01-31 and no longer applies; platform-team should renew it with a new expiry date or remove it");
    }
}
