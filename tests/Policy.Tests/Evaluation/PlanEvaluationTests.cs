using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Files;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Evaluation;

/// <summary>Scope, several policies in one plan, and how actions combine into one outcome.</summary>
public class PlanEvaluationTests
{
    private static readonly Func<Container, Container> Privileged = c => c with { Privileged = Field.Of(true, "x.privileged") };
    private static readonly Func<Sandbox, Sandbox> HostNetwork = s => s with { Namespaces = s.Namespaces with { Network = NamespaceSetting.Host("x.network") } };

    private static Decision Evaluate(string scope, WorkloadRequest request) =>
        PolicyEngine.Evaluate(PolicyYaml.Compile(("p.yaml", PolicyYaml.Policy("p", $"  scope: {scope}\n  rules: {{privileged: deny}}\n"))), request);

    [Theory]
    [InlineData("{surfaces: [kubernetes]}", DecisionOutcome.Deny, DecisionOutcome.Allow)]
    [InlineData("{surfaces: [docker, oci]}", DecisionOutcome.Allow, DecisionOutcome.Deny)]
    [InlineData("{namespaces: ['team-*']}", DecisionOutcome.Deny, DecisionOutcome.Allow)]
    [InlineData("{users: [alice]}", DecisionOutcome.Deny, DecisionOutcome.Allow)]
    [InlineData("{images: ['registry.example/*']}", DecisionOutcome.Deny, DecisionOutcome.Allow)]
    public void A_policy_applies_only_to_requests_in_its_scope(string scope, DecisionOutcome pod, DecisionOutcome docker)
    {
        var podRequest = Requests.Pod(Privileged, ns: "team-a") with { Subject = new Subject { User = "alice" } };
        Evaluate(scope, podRequest).Outcome.Should().Be(pod);
        Evaluate(scope, Requests.Docker(Privileged)).Outcome.Should().Be(docker);
    }

    [Fact]
    public void An_image_scope_applies_when_any_container_runs_a_matching_image()
    {
        var pod = Requests.Pod(Privileged);
        pod = pod with { Containers = [.. pod.Containers, Requests.PodContainer("other", ContainerKind.Regular, 1) with { Image = Field.Of("docker.io/x", "i") }] };
        Evaluate("{images: ['docker.io/*']}", pod).Outcome.Should().Be(DecisionOutcome.Deny);
    }

    [Fact]
    public void Every_policy_of_a_plan_is_evaluated_and_violations_come_in_file_then_catalogue_order()
    {
        var plan = PolicyYaml.Compile(
            ("20-strict.yaml", PolicyYaml.Policy("strict", "  rules: {privileged: deny, host-network: deny}\n")),
            ("10-audit.yaml", PolicyYaml.Policy("audit", "  rules: {privileged: audit, host-network: warn}\n")));
        var d = PolicyEngine.Evaluate(plan, Requests.Docker(Privileged, HostNetwork));
        d.Outcome.Should().Be(DecisionOutcome.Deny);
        d.Violations.Select(v => (v.Policy, v.RuleId, v.Action)).Should().Equal(
            ("audit", "host-network", RuleAction.Warn),
            ("audit", "privileged", RuleAction.Audit),
            ("strict", "host-network", RuleAction.Deny),
            ("strict", "privileged", RuleAction.Deny));
        d.PolicyVersion.Should().Be(plan.Version);
    }

    [Theory]
    [InlineData("deny", "warn", DecisionOutcome.Deny)]
    [InlineData("warn", "deny", DecisionOutcome.Deny)]
    [InlineData("warn", "audit", DecisionOutcome.Warn)]
    [InlineData("audit", "warn", DecisionOutcome.Warn)]
    [InlineData("audit", "audit", DecisionOutcome.Allow)]
    [InlineData("off", "audit", DecisionOutcome.Allow)]
    public void The_strongest_action_decides_deny_over_warn_over_audit(string privileged, string hostNetwork, DecisionOutcome expected)
    {
        var plan = PolicyYaml.Compile(("p.yaml", PolicyYaml.Policy("p", $"  rules: {{privileged: {privileged}, host-network: {hostNetwork}}}\n")));
        var d = PolicyEngine.Evaluate(plan, Requests.Docker(Privileged, HostNetwork));
        d.Outcome.Should().Be(expected);
        d.Violations.Should().HaveCount(privileged == "off" ? 1 : 2, "audit violations are recorded even when the outcome is allow");
        d.Allowed.Should().Be(expected != DecisionOutcome.Deny);
    }

    [Fact]
    public void A_clean_request_is_allowed_with_no_violations()
    {
        var plan = PolicyYaml.Compile(("p.yaml", PolicyYaml.Policy("p", "  defaults: catalog\n")));
        var d = PolicyEngine.Evaluate(plan, Requests.Docker(c => c with { Privileged = Field.Of(false, "HostConfig.Privileged") }));
        d.Violations.Where(v => v.RuleId is "privileged" or "host-network").Should().BeEmpty();
    }
}
