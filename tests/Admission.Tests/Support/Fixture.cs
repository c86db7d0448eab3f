using System.Text.Json;
using System.Text.Json.Nodes;

namespace DockerGuard.Admission.Tests.Support;

/// <summary>The AdmissionReview bodies a real kube-apiserver v1.26.1 sent (Fixtures/README.md).</summary>
public static class Fixture
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static IEnumerable<string> Names => Directory.GetFiles(Dir, "*.admissionreview.json").Select(f => Path.GetFileName(f)!.Replace(".admissionreview.json", "")).Order(StringComparer.Ordinal);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Dir, name + ".admissionreview.json"));

    public static JsonObject Json(string name) => JsonNode.Parse(Bytes(name))!.AsObject();

    public static byte[] Bytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node);

    /// <summary>The review with its request.object edited: tests start from a real request and change one field.</summary>
    public static byte[] WithObject(string name, Action<JsonObject> edit)
    {
        var review = Json(name);
        edit(review["request"]!["object"]!.AsObject());
        return Bytes(review);
    }

    /// <summary>A Pod CREATE review (from the ordinary fixture) carrying the given pod JSON.</summary>
    public static byte[] PodCreate(JsonObject pod, string uid = "corpus-uid")
    {
        var review = Json("pod-create-ordinary");
        review["request"]!["uid"] = uid;
        review["request"]!["object"] = pod.DeepClone();
        return Bytes(review);
    }
}
