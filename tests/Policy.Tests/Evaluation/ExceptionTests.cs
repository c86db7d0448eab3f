using System.Collections.Immutable;
using DockerGuard.Policy.Evaluation;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Files;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Evaluation;

/// <summary>Exceptions written in policy files, evaluated by the engine: what they match, and what they never cover.</summary>
public class ExceptionTests
{
    private sealed class Today(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    }

    private static readonly TimeProvider June2026 = new Today(new DateOnly(2026, 6, 1));

    private static CompiledPolicy WithException(string match, string expires = "2026-12-31", string rules = "[privileged, host-network]") =>
        PolicyYaml.Compile(("p.yaml", PolicyYaml.Policy("p", $$"""
              rules: {privileged: deny, host-network: deny}
              exceptions:
                - name: exempt
                  rules: {{rules}}
                  match: {{match}}
                  reason: reviewed
                  owner: platform-team
                  expires: {{expires}}
            """)));

    private static Container Privileged(Container c) => c with { Privileged = Field.Of(true, c.Path + ".securityContext.privileged") };

    private static Decision Evaluate(CompiledPolicy plan, WorkloadRequest request) => PolicyEngine.Evaluate(plan, request, June2026);

    private static WorkloadRequest PrivilegedPod(string ns = "ci", string image = "registry.example/app:1.0", string name = "app", string? user = null,
        ImmutableDictionary<string, string>? labels = null)
    {
        var pod = Requests.Pod(c => Privileged(c with { Name = name, Image = Field.Of(image, c.Path + ".image") }), ns: ns);
        return pod with
        {
            Subject = new Subject { User = user },
            Resource = pod.Resource with { Labels = labels ?? ImmutableDictionary<string, string>.Empty },
        };
    }

    public static TheoryData<string, WorkloadRequest, WorkloadRequest> Matches() => new()
    {
        { "{namespaces: [ci, 'build-*']}", PrivilegedPod(ns: "build-7"), PrivilegedPod(ns: "prod") },
        { "{images: ['registry.example/dind:*']}", PrivilegedPod(image: "registry.example/dind:24"), PrivilegedPod(image: "registry.example/app:1.0") },
        { "{namespaces: [ci], containers: [runner]}", PrivilegedPod(name: "runner"), PrivilegedPod(name: "app") },
        { "{users: ['system:serviceaccount:ci:*']}", PrivilegedPod(user: "system:serviceaccount:ci:builder"), PrivilegedPod(user: "alice") },
        { "{namespaces: [ci], labels: {team: 'ci-*'}}", PrivilegedPod(labels: ImmutableDictionary<string, string>.Empty.Add("team", "ci-runners")), PrivilegedPod(labels: ImmutableDictionary<string, string>.Empty.Add("team", "web")) },
        { "{namespaces: [ci], images: ['*/dind:*']}", PrivilegedPod(ns: "ci", image: "r/dind:1"), PrivilegedPod(ns: "ci", image: "r/app:1") },
    };

    [Theory]
    [MemberData(nameof(Matches))]
    public void An_exception_applies_where_its_match_holds_and_nowhere_else(string match, WorkloadRequest covered, WorkloadRequest notCovered)
    {
        var plan = WithException(match);

        var allowed = Evaluate(plan, covered);
        allowed.Outcome.Should().Be(DecisionOutcome.Allow);
        allowed.Violations.Should().BeEmpty();
        allowed.ExceptionsApplied.Should().ContainSingle().Which.Should().Be(
            new AppliedException("p", "exempt", "privileged", "reviewed", "platform-team", new DateOnly(2026, 12, 31), covered.Containers[0].Name));

        var denied = Evaluate(plan, notCovered);
        denied.Outcome.Should().Be(DecisionOutcome.Deny);
        denied.Violations.Select(v => v.RuleId).Should().Equal("privileged");
        denied.ExceptionsApplied.Should().BeEmpty();
    }

    [Theory]
    [InlineData("{labels: {team: ci}}")]
    [InlineData("{containers: [runner]}")]
    [InlineData("{labels: {team: ci}, containers: [runner]}")]
    public void An_exception_a_tenant_could_opt_into_with_labels_or_names_is_an_error(string match)
    {
        var errors = PolicyYaml.Errors(PolicyYaml.Policy("p", $$"""
              rules: {privileged: deny}
              exceptions:
                - name: exempt
                  rules: [privileged]
                  match: {{match}}
                  reason: reviewed
                  owner: platform-team
                  expires: 2026-12-31
            """), "p.yaml");
        errors.Should().ContainSingle().Which.ToString().Should()
            .Contain("p.yaml:").And.Contain("names only labels or container names").And.Contain("anchor the exception on namespaces, images or users");
    }

    [Fact]
    public void An_expired_exception_is_reported_and_not_applied()
    {
        var plan = WithException("{namespaces: [ci]}", expires: "2026-05-31");
        var d = Evaluate(plan, PrivilegedPod());
        d.Outcome.Should().Be(DecisionOutcome.Deny);
        d.ExceptionsApplied.Should().BeEmpty();
        d.ExpiredExceptions.Should().ContainSingle().Which.Expires.Should().Be(new DateOnly(2026, 5, 31));
    }

    [Fact]
    public void The_expiry_day_itself_still_applies()
    {
        Evaluate(WithException("{namespaces: [ci]}", expires: "2026-06-01"), PrivilegedPod()).Outcome.Should().Be(DecisionOutcome.Allow);
    }

    [Fact]
    public void An_exception_covers_only_its_rules()
    {
        var plan = WithException("{namespaces: [ci]}", rules: "[host-network]");
        Evaluate(plan, PrivilegedPod()).Violations.Select(v => v.RuleId).Should().Equal("privileged");
    }

    [Fact]
    public void A_sandbox_level_violation_is_excepted_only_when_every_container_is_covered()
    {
        var plan = WithException("{images: ['r/agent:*']}");
        Container Agent(Container c) => c with { Name = "agent", Image = Field.Of("r/agent:2", c.Path + ".image") };
        var hostNetwork = (Func<Sandbox, Sandbox>)(s => s with { Namespaces = s.Namespaces with { Network = NamespaceSetting.Host("spec.hostNetwork") } });

        var agentOnly = Requests.Pod(Agent, hostNetwork);
        var agentOnlyDecision = Evaluate(plan, agentOnly);
        agentOnlyDecision.Outcome.Should().Be(DecisionOutcome.Allow);
        agentOnlyDecision.ExceptionsApplied.Single().Container.Should().BeNull("host network is the pod's, not one container's");

        var mixed = agentOnly with { Containers = [.. agentOnly.Containers, Requests.PodContainer("sidecar", ContainerKind.Regular, 1)] };
        var mixedDecision = Evaluate(plan, mixed);
        mixedDecision.Outcome.Should().Be(DecisionOutcome.Deny, "a non-exempt sidecar must not ride the agent's exception onto the host network");
        mixedDecision.Violations.Single().FieldPath.Should().Be("spec.hostNetwork");
    }

    [Fact]
    public void A_container_level_exception_in_a_mixed_pod_covers_only_the_matching_container()
    {
        var plan = WithException("{namespaces: [default], containers: [runner]}");
        var pod = Requests.Pod(c => Privileged(c with { Name = "runner" }));
        pod = pod with { Containers = [.. pod.Containers, Privileged(Requests.PodContainer("app", ContainerKind.Regular, 1))] };
        var d = Evaluate(plan, pod);
        d.Outcome.Should().Be(DecisionOutcome.Deny);
        d.Violations.Should().ContainSingle().Which.Container.Should().Be("app");
        d.ExceptionsApplied.Should().ContainSingle().Which.Container.Should().Be("runner");
    }

    [Fact]
    public void An_exception_belongs_to_its_policy_and_does_not_cover_another_policys_violation()
    {
        var plan = PolicyYaml.Compile(
            ("a.yaml", PolicyYaml.Policy("a", "  rules: {privileged: deny}\n  exceptions:\n    - {name: x, rules: ['*'], match: {namespaces: [ci]}, reason: r, owner: o, expires: 2099-01-01}\n")),
            ("b.yaml", PolicyYaml.Policy("b", "  rules: {privileged: warn}\n")));
        var d = Evaluate(plan, PrivilegedPod());
        d.Outcome.Should().Be(DecisionOutcome.Warn);
        d.Violations.Select(v => v.Policy).Should().Equal("b");
        d.ExceptionsApplied.Select(e => e.Policy).Should().Equal("a");
    }
}
