using System.Buffers;
using System.Text.Json;

namespace DockerGuard.Admission.Review;

/// <summary>
/// Serialises an <see cref="AdmissionAnswer"/> as the envelope the apiserver verifies
/// (apiserver webhook/request/admissionreview.go VerifyAdmissionResponse): apiVersion
/// admission.k8s.io/v1, kind AdmissionReview, response.uid equal to request.uid, allowed always
/// present, no patch. Anything else is a call error, a silent allow under failurePolicy Ignore.
/// </summary>
public static class AnswerWriter
{
    public static void Write(IBufferWriter<byte> output, AdmissionAnswer answer)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteString("apiVersion", ReviewDecoder.ApiVersion);
        w.WriteString("kind", ReviewDecoder.ReviewKind);
        w.WriteStartObject("response");
        w.WriteString("uid", answer.Uid);
        w.WriteBoolean("allowed", answer.Allowed);
        if (!answer.Allowed)
        {
            // Below 400 the apiserver rewrites the code to 400 (ToStatusErr); 403 Forbidden is what PSA sends.
            w.WriteStartObject("status");
            w.WriteNumber("code", 403);
            w.WriteString("reason", "Forbidden");
            w.WriteString("message", answer.Message ?? "denied by dockerguard");
            w.WriteEndObject();
        }
        if (!answer.Warnings.IsEmpty)
        {
            w.WriteStartArray("warnings");
            foreach (var warning in answer.Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
        }
        if (!answer.AuditAnnotations.IsEmpty)
        {
            w.WriteStartObject("auditAnnotations");
            foreach (var (k, v) in answer.AuditAnnotations.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(k, v);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static byte[] ToBytes(AdmissionAnswer answer)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(buffer, answer);
        return buffer.WrittenSpan.ToArray();
    }
}
