using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests;

/// <summary>Every rule of the catalogue against its own cases, plus the catalogue's invariants.</summary>
public class RuleCatalogTests
{
    public static TheoryData<string, RuleCase> DenyCases() => Cases(c => c.Deny);
    public static TheoryData<string, RuleCase> AllowCases() => Cases(c => c.Allow);

    private static TheoryData<string, RuleCase> Cases(Func<RuleCases, IEnumerable<RuleCase>> pick)
    {
        var data = new TheoryData<string, RuleCase>();
        foreach (var (id, cases) in RuleCaseRunner.AllCases.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            foreach (var c in pick(cases))
                data.Add(id, c);
        return data;
    }

    [Theory]
    [MemberData(nameof(DenyCases))]
    public void Deny_case_is_flagged_at_its_field(string ruleId, RuleCase c)
    {
        var rule = RuleCatalog.Find(ruleId);
        rule.Should().NotBeNull($"cases exist for '{ruleId}' but no rule is registered under that id");
        // The evaluator skips a rule on surfaces outside RuleInfo.Surfaces: a deny case there would
        // prove nothing the product does.
        rule!.Info.Surfaces.Should().Contain(c.Request.Surface, $"'{c.Name}' is a {c.Request.Surface} request and {ruleId} does not apply there");
        var found = RuleCaseRunner.Run(rule, c);
        found.Should().NotBeEmpty($"'{c.Name}' must violate {ruleId}");
        found.Should().OnlyContain(v => v.RuleId == ruleId);
        if (c.Field is not null)
            found.Select(v => v.FieldPath).Should().Contain(c.Field);
        found.Should().OnlyContain(v => v.Detail.Length > 0 && v.Remediation.Length > 0);
    }

    [Theory]
    [MemberData(nameof(AllowCases))]
    public void Allow_case_passes(string ruleId, RuleCase c)
    {
        var rule = RuleCatalog.Find(ruleId);
        rule.Should().NotBeNull();
        RuleCaseRunner.Run(rule!, c).Should().BeEmpty($"'{c.Name}' must pass {ruleId}");
    }

    [Fact]
    public void Every_rule_has_deny_and_allow_cases()
    {
        foreach (var rule in RuleCatalog.All)
        {
            RuleCaseRunner.AllCases.Should().ContainKey(rule.Info.Id, $"rule '{rule.Info.Id}' needs a {rule.GetType().Name}Cases file");
            var cases = RuleCaseRunner.AllCases[rule.Info.Id];
            cases.Deny.Should().NotBeEmpty($"rule '{rule.Info.Id}' needs deny cases");
            cases.Allow.Should().NotBeEmpty($"rule '{rule.Info.Id}' needs allow cases");
        }
    }

    [Fact]
    public void Every_rule_is_documented_and_referenced()
    {
        foreach (var info in RuleCatalog.All.Select(r => r.Info))
        {
            RuleId.IsValid(info.Id).Should().BeTrue(info.Id);
            info.Title.Should().NotBeNullOrWhiteSpace(info.Id);
            info.Rationale.Should().NotBeNullOrWhiteSpace(info.Id);
            info.Remediation.Should().NotBeNullOrWhiteSpace(info.Id);
            info.Surfaces.Should().NotBeEmpty(info.Id);
            foreach (var p in info.Parameters)
                p.Default.Should().NotBeNull($"{info.Id}.{p.Name}");
        }
    }
}
