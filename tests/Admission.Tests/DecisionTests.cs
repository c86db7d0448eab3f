using System.Collections.Immutable;
using System.Text.Json.Nodes;
using DockerGuard.Admission.Review;
using DockerGuard.Admission.Tests.Support;
using DockerGuard.Audit;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.Admission.Tests;

/// <summary>Decisions on the real fixtures through the real engine, and how they are answered.</summary>
public class DecisionTests
{
    private static readonly PolicyStore PrivilegedDenied = Engine.With(("privileged", RuleAction.Deny), ("host-network", RuleAction.Deny));

    private static JsonElementResponse Answer(string fixture, PolicyStore? store = null, ControllerMode mode = ControllerMode.Deny, IDecisionAudit? audit = null) =>
        new(Envelope.Verify(Engine.Handle(Fixture.Bytes(fixture), store ?? PrivilegedDenied, audit, mode), Envelope.Uid(fixture)));

    [Theory]
    [InlineData("pod-create-privileged", "privileged", "spec.containers[0].securityContext.privileged")]
    [InlineData("pod-create-privileged-initcontainer", "privileged", "spec.initContainers[0].securityContext.privileged")]
    [InlineData("pod-create-hostnetwork", "host-network", "spec.hostNetwork")]
    [InlineData("deployment-create-privileged", "privileged", "spec.template.spec.containers[0].securityContext.privileged")]
    [InlineData("daemonset-create-hostnetwork", "host-network", "spec.template.spec.hostNetwork")]
    public void Dangerous_pods_and_controllers_are_denied_at_the_field(string fixture, string rule, string path)
    {
        var a = Answer(fixture);
        a.Allowed.Should().BeFalse();
        a.Message.Should().Contain(rule).And.Contain(path);
        a.Annotations["rules"].Should().Contain(rule);
        a.Annotations["decision"].Should().Be("deny");
        a.Annotations["policy-version"].Should().Be("sha256:test");
    }

    [Theory]
    [InlineData("pod-create-ordinary")]
    [InlineData("job-create")]
    [InlineData("statefulset-create")]
    [InlineData("replicaset-create")]
    [InlineData("pod-ephemeralcontainers-update")]
    [InlineData("pod-exec-connect")]
    [InlineData("pod-attach-connect")]
    public void Ordinary_requests_are_allowed(string fixture)
    {
        var a = Answer(fixture);
        a.Allowed.Should().BeTrue();
        a.Annotations["decision"].Should().Be("allow");
    }

    [Fact]
    public void Controllers_warn_only_when_configured_like_psa()
    {
        var a = Answer("deployment-create-privileged", mode: ControllerMode.Warn);
        a.Allowed.Should().BeTrue();
        a.Warnings.Should().ContainSingle().Which.Should().Contain("privileged").And.Contain("spec.template.spec.containers[0]");
        a.Annotations["decision"].Should().Be("warn");
        // Warn-only applies to templates, never to the Pod itself.
        Answer("pod-create-privileged", mode: ControllerMode.Warn).Allowed.Should().BeFalse();
    }

    [Fact]
    public void Warn_level_rules_allow_with_warnings()
    {
        var a = Answer("pod-create-privileged", Engine.With(("privileged", RuleAction.Warn)));
        a.Allowed.Should().BeTrue();
        a.Warnings.Should().ContainSingle().Which.Should().StartWith("dockerguard: privileged");
    }

    [Fact]
    public void Privileged_ephemeral_container_is_denied()
    {
        var review = Fixture.Json("pod-ephemeralcontainers-update");
        review["request"]!["object"]!["spec"]!["ephemeralContainers"]![0]!["securityContext"] = new JsonObject { ["privileged"] = true };
        var a = new JsonElementResponse(Envelope.Verify(Engine.Handle(Fixture.Bytes(review), PrivilegedDenied), Envelope.Uid("pod-ephemeralcontainers-update")));
        a.Allowed.Should().BeFalse();
        a.Message.Should().Contain("spec.ephemeralContainers[0].securityContext.privileged");
    }

    [Fact]
    public void Label_update_of_a_privileged_pod_is_allowed_without_evaluation()
    {
        var review = Fixture.Json("pod-update-label");
        foreach (var which in new[] { "object", "oldObject" })
            review["request"]![which]!["spec"]!["containers"]![0]!["securityContext"] = new JsonObject { ["privileged"] = true };
        var a = new JsonElementResponse(Envelope.Verify(Engine.Handle(Fixture.Bytes(review), PrivilegedDenied), Envelope.Uid("pod-update-label")));
        a.Allowed.Should().BeTrue();
        a.Annotations["decision"].Should().Be("skipped");
    }

    [Fact]
    public void Exemption_labels_set_by_a_tenant_do_not_exempt()
    {
        var body = Fixture.WithObject("pod-create-privileged", o =>
            o["metadata"]!["labels"] = new JsonObject
            {
                ["dockerguard.io/exempt"] = "true",
                ["pod-security.kubernetes.io/exempt"] = "true",
                ["admission.gatekeeper.sh/ignore"] = "true",
            });
        new JsonElementResponse(Envelope.Verify(Engine.Handle(body, PrivilegedDenied), Envelope.Uid("pod-create-privileged"))).Allowed.Should().BeFalse();
    }

    [Fact]
    public void A_namespace_exception_from_the_policy_file_exempts()
    {
        var exception = new PolicyException { Name = "kube-system-cni", Rules = ["privileged"], Reason = "CNI", Owner = "platform", Namespaces = ["default"], Expires = new DateOnly(2099, 1, 1) };
        var entry = new PlanEntry(RuleCatalog.Find("privileged")!.BindDefaults(), RuleAction.Deny, "test", Scope.Everything, [exception]);
        var store = new PolicyStore(new CompiledPolicy([entry], new PolicyVersion("sha256:x"), ["test"]));
        Answer("pod-create-privileged", store).Allowed.Should().BeTrue();
    }

    [Theory]
    [InlineData("pod-exec-connect", "alice", "system:authenticated", false)]
    [InlineData("pod-attach-connect", "alice", "system:authenticated", false)]
    [InlineData("pod-exec-connect", "admin", "system:masters", true)]
    public void Who_may_exec_into_kube_system_is_the_exec_access_rule(string fixture, string user, string group, bool allowed)
    {
        var review = Fixture.Json(fixture);
        review["request"]!["namespace"] = "kube-system";
        review["request"]!["userInfo"] = new System.Text.Json.Nodes.JsonObject { ["username"] = user, ["groups"] = new System.Text.Json.Nodes.JsonArray(group) };
        var a = new JsonElementResponse(Envelope.Verify(Engine.Handle(Fixture.Bytes(review), Engine.Defaults()), Envelope.Uid(fixture)));
        a.Allowed.Should().Be(allowed);
        if (!allowed) a.Message.Should().Contain("exec-access").And.Contain($"into pod kube-system/ordinary by {user}");
    }

    [Fact]
    public void Exec_twice_gives_the_same_decision()
    {
        var first = Engine.Handle(Fixture.Bytes("pod-exec-connect"), PrivilegedDenied);
        var again = Fixture.Json("pod-exec-connect");
        again["request"]!["uid"] = "second-uid";
        var second = Engine.Handle(Fixture.Bytes(again), PrivilegedDenied);
        second.Answer!.Allowed.Should().Be(first.Answer!.Allowed);
        second.Answer.Uid.Should().Be("second-uid");
        second.Answer.AuditAnnotations.Should().BeEquivalentTo(first.Answer.AuditAnnotations);
    }

    [Fact]
    public void Every_decision_is_recorded_with_the_uid_as_decision_id()
    {
        var audit = new RecordingAudit();
        Answer("pod-create-privileged", audit: audit).Allowed.Should().BeFalse();
        Answer("pod-exec-connect", audit: audit);
        audit.Entries.Select(e => e.DecisionId).Should().Equal(Envelope.Uid("pod-create-privileged"), Envelope.Uid("pod-exec-connect"));
        audit.Entries.First().Decision.Outcome.Should().Be(DecisionOutcome.Deny);
        audit.Entries.First().Route.Should().Be("pods CREATE");
        audit.Entries.Last().Route.Should().Be("pods/exec CONNECT");
    }

    [Fact]
    public void Audit_unavailable_denies_fail_closed()
    {
        var a = Answer("pod-create-ordinary", audit: new RecordingAudit(new AuditUnavailableException("disk full")));
        a.Allowed.Should().BeFalse();
        a.Message.Should().Contain("audit trail unavailable");
    }

    [Fact]
    public void Warnings_are_capped_in_length_and_number()
    {
        var violations = Enumerable.Range(0, 40).Select(i => new Violation
        {
            RuleId = "privileged",
            Action = RuleAction.Warn,
            Detail = new string('d', 300),
            FieldPath = $"spec.containers[{i}]",
            Remediation = "r",
        }).ToImmutableArray();
        var decision = new Decision { Outcome = DecisionOutcome.Warn, Violations = violations, PolicyVersion = new PolicyVersion("sha256:x") };
        var answer = AnswerComposer.Compose("u", decision, warnOnly: false);
        answer.Warnings.Should().HaveCount(AnswerComposer.MaxWarnings + 1);
        answer.Warnings.Should().OnlyContain(w => w.Length <= 120);
        answer.Warnings[^1].Should().Contain("24 more");
        Envelope.Verify(AnswerWriter.ToBytes(answer), "u");
    }

    /// <summary>Reads the fields of a verified response.</summary>
    private sealed class JsonElementResponse(System.Text.Json.JsonElement r)
    {
        public bool Allowed => r.GetProperty("allowed").GetBoolean();
        public string Message => r.GetProperty("status").GetProperty("message").GetString()!;
        public IReadOnlyList<string> Warnings => r.TryGetProperty("warnings", out var w) ? [.. w.EnumerateArray().Select(x => x.GetString()!)] : [];
        public IReadOnlyDictionary<string, string> Annotations => r.GetProperty("auditAnnotations").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}
