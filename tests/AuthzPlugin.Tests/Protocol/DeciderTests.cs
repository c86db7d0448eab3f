using DockerGuard.AuthzPlugin.Decisions;
using DockerGuard.AuthzPlugin.Protocol;
using DockerGuard.AuthzPlugin.Tests.Support;
using DockerGuard.Policy.Evaluation;

namespace DockerGuard.AuthzPlugin.Tests.Protocol;

/// <summary>The decider on real fixtures and on the request shapes of reference §5 and §9.</summary>
public class DeciderTests
{
    [Fact]
    public void Privileged_create_is_denied_with_the_rule_the_field_and_the_fix()
    {
        var (decider, audit) = Deciders.Create();
        var reply = decider.Decide(Fixtures.Message("create-privileged.authzreq"));
        reply.Allow.Should().BeFalse();
        reply.Msg.Should().StartWith("privileged (CIS 5.4): privileged container at HostConfig.Privileged; ");
        audit.Entries.Single().Entry.Decision.Outcome.Should().Be(DecisionOutcome.Deny);
        audit.Entries.Single().Entry.Route.Should().Be("POST /containers/create");
    }

    [Fact]
    public void Ping_and_reads_are_allowed_and_recorded_as_read_only()
    {
        var (decider, audit) = Deciders.Create();
        decider.Decide(Fixtures.Message("ping.authzreq")).Allow.Should().BeTrue();
        decider.Decide(Fixtures.Message("list-containers.authzreq")).Allow.Should().BeTrue();
        audit.Entries.Should().HaveCount(2).And.OnlyContain(e => e.Entry.ReadOnlyCall);
    }

    [Fact]
    public async Task Reads_the_audit_would_not_record_are_answered_without_it_and_refused_reads_still_are_recorded()
    {
        var (decider, audit) = Deciders.Create();
        audit.RecordAll = false;
        var ping = decider.DecideAsync(Fixtures.Message("ping.authzreq"), CancellationToken.None);
        ping.IsCompletedSuccessfully.Should().BeTrue("nothing is awaited on this path");
        (await ping).Reply.Allow.Should().BeTrue();
        decider.Decide(Fixtures.Message("list-containers.authzreq")).Allow.Should().BeTrue();
        audit.Entries.Should().BeEmpty("a plain allow of a read-only call is not recorded, so it does not reach the audit trail");

        decider.Decide(Deciders.Request("GET", "/v1.41//containers/json")).Allow.Should().BeFalse();
        decider.Decide(Fixtures.Message("create-plain.authzreq")).Allow.Should().BeTrue();
        audit.Entries.Select(e => (e.Entry.Route, e.Entry.ReadOnlyCall)).Should().Equal(("GET //containers/json", false), ("POST /containers/create", false));
    }

    [Fact]
    public void A_refused_route_only_request_is_recorded_with_its_method_as_an_allowed_one_is()
    {
        var (decider, audit) = Deciders.Create();
        decider.Decide(Deciders.Request("DELETE", "/v1.41//containers/abc")).Allow.Should().BeFalse("the path is not canonical");
        decider.Decide(Deciders.Request("DELETE", "/v1.41/containers/abc")).Allow.Should().BeTrue();
        audit.Entries.Select(e => (e.Entry.Route, e.Entry.Request.Operation)).Should().Equal(
            ("DELETE //containers/abc", DockerGuard.Policy.Model.Operation.Delete),
            ("DELETE /containers/abc", DockerGuard.Policy.Model.Operation.Delete));
    }

    [Fact]
    public async Task AuthZRes_answers_without_waiting_for_its_completion_to_be_written()
    {
        var (decider, audit) = Deciders.Create();
        var gate = new TaskCompletionSource();
        audit.CompletionGate = gate.Task;
        decider.Decide(Fixtures.Message("create-plain.authzreq")).Allow.Should().BeTrue();
        var res = decider.CompleteAsync(Fixtures.Message("create-plain.authzres"), CancellationToken.None);
        res.IsCompleted.Should().BeTrue("the answer is always allow; only the decision had to be durable");
        (await res).Reply.Allow.Should().BeTrue();
        audit.Completions.Should().BeEmpty();
        gate.SetResult();
        var (id, _) = audit.Entries.Single();
        await WaitUntil(() => audit.Completions.ContainsKey(id));
        audit.Completions[id].Status.Should().Be(201);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        condition().Should().BeTrue();
    }

    [Fact]
    public async Task AuthZRes_allows_and_completes_the_record_with_the_created_container_id()
    {
        var (decider, audit) = Deciders.Create();
        decider.Decide(Fixtures.Message("create-plain.authzreq")).Allow.Should().BeTrue();
        var res = await decider.CompleteAsync(Fixtures.Message("create-plain.authzres"), CancellationToken.None);
        res.Reply.Allow.Should().BeTrue();
        var (id, _) = audit.Entries.Single();
        audit.Completions[id].Status.Should().Be(201);
        audit.Completions[id].ContainerId.Should().MatchRegex("^[0-9a-f]{64}$");
        decider.Memory.Find(audit.Completions[id].ContainerId![..12]).Should().NotBeNull("exec by id prefix finds the remembered container");
        decider.Memory.Find("plain").Should().NotBeNull();
    }

    [Fact]
    public void Secrets_never_reach_the_audit_entry()
    {
        var (decider, audit) = Deciders.Create();
        decider.Decide(Fixtures.Message("create-plain.authzreq"));
        var entry = audit.Entries.Single().Entry;
        System.Text.Json.JsonSerializer.Serialize(entry.Request).Should().NotContain("hunter2");
        entry.Route.Should().NotContain("hunter2");
    }

    [Theory]
    [InlineData("POST", "/v1.41/containers/create", "needs a JSON body")]
    [InlineData("POST", "/v1.41/containers/x/exec", "needs a JSON body")]
    [InlineData("POST", "/v1.41/containers/x/update", "needs a JSON body")]
    [InlineData("POST", "/v1.41/services/create", "needs a JSON body")]
    [InlineData("POST", "/v1.41/volumes/create", "needs a JSON body")]
    [InlineData("POST", "/v1.41/networks/create", "needs a JSON body")]
    public void Body_routes_without_a_body_are_denied(string method, string uri, string why)
    {
        var (decider, _) = Deciders.Create();
        var reply = decider.Decide(Deciders.Request(method, uri, headers: new() { ["Content-Length"] = "0" }));
        reply.Allow.Should().BeFalse();
        reply.Msg.Should().StartWith("request-integrity: ").And.Contain(why);
    }

    [Fact]
    public void A_body_announced_but_not_forwarded_is_denied()
    {
        var (decider, _) = Deciders.Create();
        decider.Decide(Deciders.Request("POST", "/v1.41/containers/x/kill", headers: new() { ["Content-Length"] = "2000000" })).Allow.Should().BeFalse();
        decider.Decide(Deciders.Request("POST", "/v1.41/build", headers: new() { ["Content-Length"] = "2000000" })).Allow.Should().BeTrue("tar bodies are never forwarded");
    }

    [Fact]
    public void A_body_is_parsed_whatever_Content_Type_says()
    {
        var (decider, _) = Deciders.Create();
        var reply = decider.Decide(Deciders.Request("POST", "/v1.41/containers/create", """{"Image":"bb","HostConfig":{"Privileged":true}}""", new() { ["Content-Type"] = "text/plain" }));
        reply.Msg.Should().StartWith("privileged");
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("0", null, true)]
    [InlineData("2", "{}", true)]
    [InlineData("7", "{     }", true)]
    [InlineData("8", "{      }", false)]
    [InlineData("40", """{"Privileged":true,"NetworkMode":"host"}""", false)]
    [InlineData("40", null, false)]
    public void Start_bodies(string? contentLength, string? body, bool allowed)
    {
        var (decider, _) = Deciders.Create();
        var headers = contentLength is null ? new Dictionary<string, string>() : new() { ["Content-Length"] = contentLength };
        var msg = Deciders.Request("POST", "/v1.23/containers/x/start", body, headers);
        if (contentLength is null && body is null)
        {
            decider.Decide(msg).Allow.Should().BeFalse("no Content-Length at all is a chunked body");
            return;
        }
        var reply = decider.Decide(msg);
        reply.Allow.Should().Be(allowed);
        if (body is not null && body.Contains("Privileged")) reply.Msg.Should().Contain("privileged (CIS 5.4)");
    }

    [Fact]
    public void Unreadable_bodies_are_denied_with_the_reason()
    {
        var (decider, _) = Deciders.Create();
        var reply = decider.Decide(Deciders.Request("POST", "/v1.41/containers/create", """{"Image":"bb","HostConfig":{"Privileged":false,"privileged":true}}"""));
        reply.Allow.Should().BeFalse();
        reply.Msg.Should().Contain("HostConfig.Privileged is given twice");
    }

    [Fact]
    public void Audit_failure_denies()
    {
        var (decider, audit) = Deciders.Create();
        audit.Unavailable = true;
        var reply = decider.Decide(Fixtures.Message("create-plain.authzreq"));
        reply.Allow.Should().BeFalse();
        reply.Msg.Should().Contain("audit");
    }

    [Fact]
    public async Task Failure_mode_error_answers_500_with_Err()
    {
        var (decider, audit) = Deciders.Create(new PluginOptions { FailureMode = FailureMode.Error });
        audit.Unavailable = true;
        var answer = await decider.DecideAsync(Fixtures.Message("create-plain.authzreq"), CancellationToken.None);
        answer.StatusCode.Should().Be(500);
        answer.Reply.Err.Should().Contain("fail closed");
    }

    [Theory]
    [InlineData("POST", "/v1.41/plugins/dockerguard/disable", "authz-plugin-protection")]
    [InlineData("DELETE", "/v1.41/plugins/dockerguard:latest", "authz-plugin-protection")]
    [InlineData("POST", "/v1.41/plugins/pull?remote=vieux/sshfs", "authz-plugin-protection")]
    public void DockerGuard_protects_itself(string method, string uri, string rule)
    {
        var (decider, _) = Deciders.Create();
        decider.Decide(Deciders.Request(method, uri, method == "POST" ? "[]" : null)).Msg.Should().StartWith(rule + " (CIS 2.11): ");
    }

    [Fact]
    public void Other_runtimes_are_denied()
    {
        var (decider, _) = Deciders.Create();
        decider.Decide(Deciders.Request("POST", "/v1.41/containers/create", """{"Image":"bb","HostConfig":{"Runtime":"crun"}}""")).Msg
            .Should().StartWith("allowed-runtimes: runtime \"crun\" at HostConfig.Runtime; ");
    }

    [Fact]
    public void Unparsable_envelope_is_denied()
    {
        var (decider, _) = Deciders.Create();
        decider.Decide(new AuthzMessage()).Allow.Should().BeFalse();
    }
}
