using System.Collections.Immutable;
using System.Text.Json;

namespace DockerGuard.Admission.Review;

/// <summary>
/// What came out of a request body: a request to decide, or the reason it could not be read
/// together with the uid when one was readable (then the answer is a denying review; without a
/// uid no valid review can be built and the answer is HTTP 400).
/// </summary>
public sealed record DecodedReview(AdmissionRequest? Request, string? Uid, string? Error, JsonDocument? Document) : IDisposable
{
    public void Dispose() => Document?.Dispose();
}

/// <summary>
/// Reads an AdmissionReview envelope (kubernetes/api admission/v1/types.go). Strict about what the
/// apiserver always sends (apiVersion, kind, request.uid, operation, kind and resource), lenient
/// about the rest.
/// </summary>
public static class ReviewDecoder
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string ReviewKind = "AdmissionReview";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 128 };

    public static DecodedReview Decode(ReadOnlyMemory<byte> body)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            return new DecodedReview(null, null, $"request body is not JSON: {e.Message}", null);
        }

        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return Fail(doc, null, "request body is not a JSON object");
        var request = root.TryGetProperty("request", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        var uid = request.ValueKind == JsonValueKind.Object ? Str(request, "uid") : null;
        if (string.IsNullOrEmpty(uid)) uid = null;

        var apiVersion = Str(root, "apiVersion");
        if (apiVersion != ApiVersion) return Fail(doc, uid, $"apiVersion '{apiVersion}' is not {ApiVersion}");
        var kind = Str(root, "kind");
        if (kind != ReviewKind) return Fail(doc, uid, $"kind '{kind}' is not {ReviewKind}");
        if (request.ValueKind != JsonValueKind.Object) return Fail(doc, uid, "AdmissionReview has no request");
        if (uid is null) return Fail(doc, null, "request.uid is missing");

        var operation = Str(request, "operation");
        if (string.IsNullOrEmpty(operation)) return Fail(doc, uid, "request.operation is missing");
        if (!request.TryGetProperty("kind", out var k) || k.ValueKind != JsonValueKind.Object)
            return Fail(doc, uid, "request.kind is missing");
        if (!request.TryGetProperty("resource", out var res) || res.ValueKind != JsonValueKind.Object)
            return Fail(doc, uid, "request.resource is missing");

        var user = request.TryGetProperty("userInfo", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;
        var parsed = new AdmissionRequest
        {
            Uid = uid,
            Kind = new GroupVersionKind(Str(k, "group") ?? "", Str(k, "version") ?? "", Str(k, "kind") ?? ""),
            Resource = new GroupVersionResource(Str(res, "group") ?? "", Str(res, "version") ?? "", Str(res, "resource") ?? ""),
            SubResource = Str(request, "subResource") ?? "",
            Name = Str(request, "name") ?? "",
            Namespace = Str(request, "namespace") ?? "",
            Operation = operation,
            UserName = user.ValueKind == JsonValueKind.Object ? Str(user, "username") : null,
            Groups = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("groups", out var g) && g.ValueKind == JsonValueKind.Array
                ? [.. g.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
                : ImmutableArray<string>.Empty,
            Object = ObjectOrNull(request, "object"),
            OldObject = ObjectOrNull(request, "oldObject"),
            DryRun = request.TryGetProperty("dryRun", out var d) && d.ValueKind == JsonValueKind.True,
        };
        return new DecodedReview(parsed, uid, null, doc);
    }

    private static DecodedReview Fail(JsonDocument doc, string? uid, string error)
    {
        doc.Dispose();
        return new DecodedReview(null, uid, error, null);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonElement? ObjectOrNull(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;
}
