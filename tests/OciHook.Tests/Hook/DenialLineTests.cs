using DockerGuard.OciHook.Hook;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.OciHook.Tests.Hook;

public class DenialLineTests
{
    private static Violation V(string rule, string field, string detail) => new()
    {
        RuleId = rule,
        Action = RuleAction.Deny,
        FieldPath = field,
        Detail = detail,
        Remediation = "fix it",
    };

    [Fact]
    public void One_clause_per_rule_so_forty_capabilities_do_not_hide_the_other_rules()
    {
        var caps = Enumerable.Range(0, 40).Select(i => V("capabilities", $"process.capabilities.bounding[{i}]", $"capability C{i} added"));
        var line = DenialLine.Denied("abcdef012345", [.. caps, V("privileged", "process.capabilities+linux.devices", "privileged container")]);
        line.Should().Be("dockerguard: denied abcdef012345: capabilities: process.capabilities.bounding[0] capability C0 added (+39 more); "
            + "privileged: process.capabilities+linux.devices privileged container");
    }

    [Fact]
    public void Stays_one_bounded_line_whatever_the_details_hold()
    {
        var many = Enumerable.Range(0, 200).Select(i => V($"rule-{i}", "f", new string('x', 50) + "\nnext"));
        var line = DenialLine.Denied("abcdef012345", many);
        line.Should().NotContain("\n").And.EndWith(" more rules");
        line.Length.Should().BeLessThanOrEqualTo(2000 + " and 200 more rules".Length);
    }
}
