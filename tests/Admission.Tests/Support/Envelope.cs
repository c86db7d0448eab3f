using System.Text.Json;
using DockerGuard.Admission.Review;

namespace DockerGuard.Admission.Tests.Support;

/// <summary>
/// The apiserver's checks on a webhook answer (webhook/request/admissionreview.go
/// VerifyAdmissionResponse), applied strictly: a failure here is a silent allow under Ignore.
/// </summary>
public static class Envelope
{
    public static JsonElement Verify(byte[] answer, string expectedUid)
    {
        var doc = JsonDocument.Parse(answer);
        var root = doc.RootElement;
        root.GetProperty("apiVersion").GetString().Should().Be("admission.k8s.io/v1");
        root.GetProperty("kind").GetString().Should().Be("AdmissionReview");
        root.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["apiVersion", "kind", "response"]);
        var response = root.GetProperty("response");
        response.GetProperty("uid").GetString().Should().Be(expectedUid);
        response.GetProperty("allowed").ValueKind.Should().BeOneOf(JsonValueKind.True, JsonValueKind.False);
        response.TryGetProperty("patch", out _).Should().BeFalse("a validating webhook must not patch");
        response.TryGetProperty("patchType", out _).Should().BeFalse();
        response.EnumerateObject().Select(p => p.Name).Should().BeSubsetOf(["uid", "allowed", "status", "warnings", "auditAnnotations"]);
        if (response.GetProperty("allowed").GetBoolean())
        {
            response.TryGetProperty("status", out _).Should().BeFalse();
        }
        else
        {
            var status = response.GetProperty("status");
            status.GetProperty("code").GetInt32().Should().Be(403);
            status.GetProperty("reason").GetString().Should().Be("Forbidden");
            status.GetProperty("message").GetString().Should().StartWith("dockerguard: ");
        }
        if (response.TryGetProperty("warnings", out var warnings))
            foreach (var w in warnings.EnumerateArray())
                w.GetString()!.Length.Should().BeLessThanOrEqualTo(120);
        return response.Clone();
    }

    public static JsonElement Verify(HandledReview handled, string expectedUid)
    {
        handled.StatusCode.Should().Be(200);
        return Verify(AnswerWriter.ToBytes(handled.Answer!), expectedUid);
    }

    public static string Uid(string fixture) => Fixture.Json(fixture)["request"]!["uid"]!.GetValue<string>();
}
