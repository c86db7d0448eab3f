using DockerGuard.Equivalence.Tests.Support;
using DockerGuard.Policy.Catalog;

namespace DockerGuard.Equivalence.Tests;

/// <summary>
/// Same intent, same decision: one setting written as a docker create, a Pod and an OCI
/// config.json gives one rule id with one action on every surface that can express it.
/// </summary>
public class SameIntentTests
{
    public static TheoryData<string> Cases() => SameIntentCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_surface_reports_the_same_rule_and_action(string name)
    {
        var intent = SameIntentCases.Named(name);
        var decisions = Decide(intent);
        decisions.Should().NotBeEmpty();

        foreach (var d in decisions)
        {
            if (intent.Rule is { } rule)
            {
                d.ActionOf(rule).Should().Be(intent.Action, $"{d}");
                d.Allowed.Should().Be(intent.Action != RuleAction.Deny, $"{d}");
            }
            else
            {
                d.Allowed.Should().BeTrue($"{d}");
                d.DeniedRules.Should().BeEmpty($"{d}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_surface_without_an_input_says_why(string name)
    {
        var intent = SameIntentCases.Named(name);
        var surfaces = new Dictionary<string, bool>
        {
            ["docker"] = intent.DockerHostConfig is not null,
            ["kubernetes"] = intent.Pod is not null,
            ["oci"] = intent.Oci is not null,
        };
        foreach (var (surface, expressed) in surfaces)
        {
            if (expressed) intent.NotExpressible.Should().NotContainKey(surface);
            else intent.NotExpressible.Should().ContainKey(surface).WhoseValue.Should().NotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void The_denial_names_the_rule_in_each_surface_own_answer()
    {
        foreach (var d in Decide(SameIntentCases.Named("host pid")))
            d.Answer.Should().Contain("host-pid", $"{d.Surface} answers in its own words but names the rule");
    }

    private static List<SurfaceDecision> Decide(SameIntent intent)
    {
        var decisions = new List<SurfaceDecision>();
        if (intent.DockerHostConfig is { } hostConfig) decisions.Add(Surfaces.Docker(hostConfig));
        if (intent.Pod is { } pod) decisions.Add(Surfaces.Pod(pod));
        if (intent.Oci is { } oci) decisions.Add(Surfaces.Oci(oci.Capture, oci.Edit));
        return decisions;
    }
}
