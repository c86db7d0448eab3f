using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using DockerGuard.Admission.Translation;
using DockerGuard.Policy.Model;
using k8s;
using k8s.Models;

namespace DockerGuard.Admission.Review;

/// <summary>
/// Decides what an admission request is about and translates it into a <see cref="WorkloadRequest"/>:
/// Pods (CREATE, significant UPDATE), Pod subresources carrying a whole Pod (ephemeralcontainers,
/// resize), pods/exec and pods/attach CONNECT, and the pod templates of every controller kind.
/// Mirrors what PSA evaluates (pod-security-admission admission.go); see kubernetes-admission.md §5.
/// </summary>
public static class ReviewTranslator
{
    /// <summary>Pod subresources PSA does not evaluate as a Pod (admission.go ignoredPodSubresources).</summary>
    private static readonly FrozenSet<string> IgnoredPodSubresources =
        new[] { "binding", "eviction", "log", "portforward", "proxy", "status" }.ToFrozenSet(StringComparer.Ordinal);

    public static ReviewPlan Plan(AdmissionRequest r)
    {
        if (r.Operation == "DELETE") return new ReviewPlan.Skip("DELETE is not governed");
        try
        {
            if (r.Resource is { Group: "", Resource: "pods" })
                return r.SubResource switch
                {
                    "" => PodPlan(r),
                    "exec" => ConnectPlan(r, "PodExecOptions", Operation.Exec),
                    "attach" => ConnectPlan(r, "PodAttachOptions", Operation.Attach),
                    _ when IgnoredPodSubresources.Contains(r.SubResource) => new ReviewPlan.Skip($"pods/{r.SubResource} is not governed"),
                    _ => PodPlan(r),
                };
            if (PodTemplateKinds.Find(r.Resource.Group, r.Resource.Resource) is { } kind)
                return TemplatePlan(r, kind);
            return new ReviewPlan.Skip($"{r.Resource.Resource}.{r.Resource.Group} is not governed");
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return new ReviewPlan.Reject($"cannot decode {r.Kind.Kind} object: {e.Message}");
        }
    }

    private static ReviewPlan PodPlan(AdmissionRequest r)
    {
        if (r.Operation is not ("CREATE" or "UPDATE")) return new ReviewPlan.Skip($"{r.Operation} on pods is not governed");
        if (CheckKind(r, "Pod") is { } wrong) return wrong;
        var pod = KubernetesJson.Deserialize<V1Pod>(r.Object!.Value);
        if (pod.Spec is null) return new ReviewPlan.Reject("Pod has no spec");
        if (r.Operation == "UPDATE" && r.SubResource.Length == 0)
        {
            if (r.OldObject is null) return new ReviewPlan.Reject("Pod UPDATE without oldObject");
            var old = KubernetesJson.Deserialize<V1Pod>(r.OldObject.Value);
            if (!SignificantUpdate.IsSignificant(pod, old))
                return new ReviewPlan.Skip("insignificant pod update (no container, image or ephemeral container change)");
        }
        var translated = PodSpecTranslator.Translate(pod.Metadata, pod.Spec, PodSpecLocation.Pod);
        return new ReviewPlan.Evaluate(Workload(r, "Pod", pod.Metadata, translated), FromTemplate: false);
    }

    private static ReviewPlan TemplatePlan(AdmissionRequest r, PodTemplateKind kind)
    {
        if (r.Operation is not ("CREATE" or "UPDATE")) return new ReviewPlan.Skip($"{r.Operation} on {kind.Resource} is not governed");
        if (CheckKind(r, kind.Kind) is { } wrong) return wrong;
        var obj = r.Object!.Value;
        if (r.Operation == "UPDATE" && r.OldObject is { } old && kind.RawTemplate(obj) is { } t && kind.RawTemplate(old) is { } oldT && JsonElement.DeepEquals(t, oldT))
            return new ReviewPlan.Skip($"{kind.Kind} pod template unchanged");
        var template = kind.Template(obj);
        if (template?.Spec is null) return new ReviewPlan.Reject($"{kind.Kind} has no pod template spec at {kind.Location.Spec}");
        var meta = obj.TryGetProperty("metadata", out var m) ? KubernetesJson.Deserialize<V1ObjectMeta>(m) : null;
        var translated = PodSpecTranslator.Translate(template.Metadata, template.Spec, kind.Location);
        return new ReviewPlan.Evaluate(Workload(r, kind.Kind, meta, translated), FromTemplate: true);
    }

    private static ReviewPlan ConnectPlan(AdmissionRequest r, string expectedKind, Operation operation)
    {
        if (r.Operation != "CONNECT") return new ReviewPlan.Skip($"{r.Operation} on pods/{r.SubResource} is not governed");
        if (CheckKind(r, expectedKind) is { } wrong) return wrong;
        var o = r.Object!.Value;
        var command = o.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText()).ToImmutableArray()
            : [];
        var container = o.TryGetProperty("container", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return new ReviewPlan.Evaluate(new WorkloadRequest
        {
            Surface = Surface.Kubernetes,
            Operation = operation,
            Subject = SubjectOf(r),
            Resource = new ResourceRef { Kind = "Pod", Namespace = r.Namespace, Name = r.Name },
            Exec = new ExecRequest
            {
                Container = string.IsNullOrEmpty(container) ? null : container,
                Command = command,
                Tty = o.TryGetProperty("tty", out var tty) && tty.ValueKind == JsonValueKind.True,
                Stdin = o.TryGetProperty("stdin", out var si) && si.ValueKind == JsonValueKind.True,
            },
        }, FromTemplate: false);
    }

    /// <summary>The request kind and the embedded object's own kind must both be what the resource implies.</summary>
    private static ReviewPlan.Reject? CheckKind(AdmissionRequest r, string expected)
    {
        if (r.Object is not { } o) return new ReviewPlan.Reject($"request.object is missing; expected a {expected}");
        if (r.Kind.Kind != expected) return new ReviewPlan.Reject($"request.kind is {r.Kind.Kind}; expected {expected} for {r.Resource.Resource}");
        if (o.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String && k.GetString() != expected)
            return new ReviewPlan.Reject($"object is a {k.GetString()}; expected {expected}");
        return null;
    }

    private static WorkloadRequest Workload(AdmissionRequest r, string kind, V1ObjectMeta? meta, TranslatedPod pod) => new()
    {
        Surface = Surface.Kubernetes,
        Operation = r.Operation == "UPDATE" ? Operation.Update : Operation.Create,
        Subject = SubjectOf(r),
        Resource = new ResourceRef
        {
            Kind = kind,
            Namespace = r.Namespace.Length > 0 ? r.Namespace : meta?.NamespaceProperty,
            // Empty on CREATE with generateName (kubernetes-admission.md §2).
            Name = r.Name.Length > 0 ? r.Name : meta?.Name ?? meta?.GenerateName,
            Labels = meta?.Labels?.ToImmutableDictionary() ?? ImmutableDictionary<string, string>.Empty,
            Annotations = meta?.Annotations?.ToImmutableDictionary() ?? ImmutableDictionary<string, string>.Empty,
        },
        Sandbox = pod.Sandbox,
        Containers = pod.Containers,
    };

    private static Subject SubjectOf(AdmissionRequest r) => new() { User = r.UserName, Groups = r.Groups, AuthMethod = "kubernetes" };
}
