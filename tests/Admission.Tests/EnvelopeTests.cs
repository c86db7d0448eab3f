using System.Text;
using System.Text.Json.Nodes;
using DockerGuard.Admission.Tests.Support;

namespace DockerGuard.Admission.Tests;

/// <summary>Every answer is a review the apiserver accepts; what cannot be decoded is denied, never malformed.</summary>
public class EnvelopeTests
{
    public static TheoryData<string> Fixtures() => [.. Fixture.Names];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_gets_a_valid_review_echoing_its_uid(string name)
    {
        var handled = Engine.Handle(Fixture.Bytes(name));
        var response = Envelope.Verify(handled, Envelope.Uid(name));
        response.GetProperty("auditAnnotations").GetProperty("decision").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Not_json_without_uid_is_http_400()
    {
        var handled = Engine.Handle(Encoding.UTF8.GetBytes("{not json"));
        handled.StatusCode.Should().Be(400);
        handled.Answer.Should().BeNull();
        handled.Error.Should().Contain("not JSON");
    }

    [Fact]
    public void Missing_uid_is_http_400()
    {
        var review = Fixture.Json("pod-create-privileged");
        review["request"]!.AsObject().Remove("uid");
        Engine.Handle(Fixture.Bytes(review)).StatusCode.Should().Be(400);
    }

    [Theory]
    [InlineData("apiVersion", "admission.k8s.io/v1beta1", "apiVersion")]
    [InlineData("kind", "AdmissionResponse", "kind")]
    public void Wrong_envelope_with_uid_is_denied_with_reason(string field, string value, string reasonMentions)
    {
        var review = Fixture.Json("pod-create-ordinary");
        review[field] = value;
        var response = Envelope.Verify(Engine.Handle(Fixture.Bytes(review)), Envelope.Uid("pod-create-ordinary"));
        response.GetProperty("allowed").GetBoolean().Should().BeFalse();
        response.GetProperty("status").GetProperty("message").GetString().Should().Contain(reasonMentions).And.Contain(value);
    }

    [Fact]
    public void Object_of_the_wrong_kind_is_denied()
    {
        var body = Fixture.WithObject("pod-create-ordinary", o => o["kind"] = "Deployment");
        var response = Envelope.Verify(Engine.Handle(body), Envelope.Uid("pod-create-ordinary"));
        response.GetProperty("allowed").GetBoolean().Should().BeFalse();
        response.GetProperty("status").GetProperty("message").GetString().Should().Contain("Deployment").And.Contain("expected Pod");
    }

    [Fact]
    public void Request_kind_not_matching_the_resource_is_denied()
    {
        var review = Fixture.Json("deployment-create-privileged");
        review["request"]!["kind"]!["kind"] = "Pod";
        var response = Envelope.Verify(Engine.Handle(Fixture.Bytes(review)), Envelope.Uid("deployment-create-privileged"));
        response.GetProperty("allowed").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void Undecodable_object_is_denied_not_allowed()
    {
        var body = Fixture.WithObject("pod-create-ordinary", o => o["spec"] = new JsonObject { ["containers"] = "not a list" });
        var response = Envelope.Verify(Engine.Handle(body), Envelope.Uid("pod-create-ordinary"));
        response.GetProperty("allowed").GetBoolean().Should().BeFalse();
        response.GetProperty("status").GetProperty("message").GetString().Should().Contain("cannot decode");
    }

    [Fact]
    public void Missing_object_on_create_is_denied()
    {
        var review = Fixture.Json("pod-create-ordinary");
        review["request"]!["object"] = null;
        var response = Envelope.Verify(Engine.Handle(Fixture.Bytes(review)), Envelope.Uid("pod-create-ordinary"));
        response.GetProperty("allowed").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void Long_violation_warnings_are_cut_to_120_characters()
    {
        var body = Fixture.WithObject("pod-create-privileged", o =>
            o["spec"]!["containers"]![0]!["name"] = new string('x', 200));
        var handled = Engine.Handle(body, Engine.With(("privileged", Policy.Catalog.RuleAction.Warn)));
        var response = Envelope.Verify(handled, Envelope.Uid("pod-create-privileged"));
        response.GetProperty("allowed").GetBoolean().Should().BeTrue();
        response.GetProperty("warnings").EnumerateArray().Should().ContainSingle()
            .Which.GetString().Should().StartWith("dockerguard: privileged");
    }
}
