using System.Text.Json.Nodes;
using DockerGuard.Admission.Review;
using DockerGuard.Policy.Model;

namespace DockerGuard.Admission.Tests.Support;

/// <summary>Runs the real decoder and translator on a body and returns the request the engine would see.</summary>
public static class Translate
{
    public static ReviewPlan Plan(byte[] body)
    {
        using var decoded = ReviewDecoder.Decode(body);
        decoded.Request.Should().NotBeNull(decoded.Error);
        return ReviewTranslator.Plan(decoded.Request!);
    }

    public static WorkloadRequest Request(byte[] body)
    {
        var plan = Plan(body);
        plan.Should().BeOfType<ReviewPlan.Evaluate>();
        return ((ReviewPlan.Evaluate)plan).Request;
    }

    public static WorkloadRequest Fixture(string name) => Request(Support.Fixture.Bytes(name));

    public static WorkloadRequest Pod(JsonObject pod) => Request(Support.Fixture.PodCreate(pod));
}
