using System.Text.Json;
using DockerGuard.Admission.Review;
using DockerGuard.Admission.Translation;
using DockerGuard.Policy.Files;
using DockerGuard.Policy.Model;
using YamlDotNet.RepresentationModel;

namespace DockerGuard.Cli.Inputs;

/// <summary>
/// <c>input: {kubernetes: ...}</c>: an AdmissionReview as the API server sends it, or a bare Pod,
/// Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob or PodTemplate
/// (judged as its CREATE by a user named <c>policy-test</c>), inline or <c>{file: x.yaml|x.json}</c>.
/// Translated by the admission webhook's own decoder and translators.
/// </summary>
public sealed class KubernetesInputReader : IInputReader
{
    public string Kind => "kubernetes";
    public string Description => "an AdmissionReview or a bare Pod/Deployment/... object, translated as the admission webhook does";

    public WorkloadRequest? Read(YamlNode node, YamlSource source, string baseDirectory)
    {
        if (NativeDocument.Read(node, source, baseDirectory, Kind) is not { } doc) return null;
        using var parsed = JsonDocument.Parse(doc.Json);
        var root = parsed.RootElement;
        var kind = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        if (kind is null)
        {
            source.Error(doc.At, $"{doc.Origin} has no 'kind'", "write an AdmissionReview or a Kubernetes object with apiVersion and kind");
            return null;
        }
        if (kind == ReviewDecoder.ReviewKind)
        {
            using var review = ReviewDecoder.Decode(doc.Json);
            if (review.Error is { } error)
            {
                source.Error(doc.At, $"{doc.Origin}: the webhook cannot read this AdmissionReview: {error}");
                return null;
            }
            return Planned(ReviewTranslator.Plan(review.Request!), source, doc);
        }
        if (BareCreate(root, kind) is not { } request)
        {
            source.Error(doc.At, $"{doc.Origin}: kind '{kind}' is not a workload the webhook judges",
                "write a Pod, " + string.Join(", ", PodTemplateKinds.All.Select(t => t.Kind)) + ", or a whole AdmissionReview");
            return null;
        }
        return Planned(ReviewTranslator.Plan(request), source, doc);
    }

    /// <summary>The AdmissionRequest the API server would send for creating this object.</summary>
    private static AdmissionRequest? BareCreate(JsonElement obj, string kind)
    {
        var apiVersion = obj.TryGetProperty("apiVersion", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
        var slash = apiVersion.IndexOf('/');
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var resource = kind == "Pod" ? "pods" : PodTemplateKinds.All.FirstOrDefault(t => t.Kind == kind)?.Resource;
        if (resource is null) return null;
        var meta = obj.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        string? Meta(string key) => meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new AdmissionRequest
        {
            Uid = "policy-test",
            Kind = new GroupVersionKind(group, version, kind),
            Resource = new GroupVersionResource(group, version, resource),
            Name = Meta("name") ?? "",
            Namespace = Meta("namespace") ?? "default",
            Operation = "CREATE",
            UserName = "policy-test",
            Object = obj.Clone(),
        };
    }

    private static WorkloadRequest? Planned(ReviewPlan plan, YamlSource source, NativeDocument doc)
    {
        switch (plan)
        {
            case ReviewPlan.Evaluate e:
                return e.Request;
            case ReviewPlan.Skip s:
                source.Error(doc.At, $"{doc.Origin}: the webhook does not evaluate this request ({s.Reason})", "test a CREATE or UPDATE of a workload, or a pods/exec or pods/attach CONNECT");
                return null;
            case ReviewPlan.Reject r:
                source.Error(doc.At, $"{doc.Origin}: the webhook rejects this object before any rule runs: {r.Reason}");
                return null;
            default:
                throw new InvalidOperationException($"unknown review plan {plan.GetType().Name}");
        }
    }
}
