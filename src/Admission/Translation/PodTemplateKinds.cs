using System.Text.Json;
using k8s;
using k8s.Models;

namespace DockerGuard.Admission.Translation;

/// <summary>One kind of object that embeds a pod template, and how to reach the template in it.</summary>
public sealed record PodTemplateKind(string Group, string Resource, string Kind, PodSpecLocation Location, Func<JsonElement, V1PodTemplateSpec?> Template)
{
    /// <summary>The template subtree in the raw object, to tell a template change from a scale or status change.</summary>
    public JsonElement? RawTemplate(JsonElement obj)
    {
        var e = obj;
        var parts = Location.Metadata.Split('.');
        foreach (var part in parts[..^1])
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out e)) return null;
        return e;
    }
}

/// <summary>
/// The pod controllers PSA evaluates (admission.go): replicationcontrollers, podtemplates,
/// replicasets, deployments, statefulsets, daemonsets, jobs and cronjobs.
/// </summary>
public static class PodTemplateKinds
{
    public static readonly IReadOnlyList<PodTemplateKind> All =
    [
        new("apps", "deployments", "Deployment", PodSpecLocation.Template, o => KubernetesJson.Deserialize<V1Deployment>(o).Spec?.Template),
        new("apps", "statefulsets", "StatefulSet", PodSpecLocation.Template, o => KubernetesJson.Deserialize<V1StatefulSet>(o).Spec?.Template),
        new("apps", "daemonsets", "DaemonSet", PodSpecLocation.Template, o => KubernetesJson.Deserialize<V1DaemonSet>(o).Spec?.Template),
        new("apps", "replicasets", "ReplicaSet", PodSpecLocation.Template, o => KubernetesJson.Deserialize<V1ReplicaSet>(o).Spec?.Template),
        new("", "replicationcontrollers", "ReplicationController", PodSpecLocation.Template, o => KubernetesJson.Deserialize<V1ReplicationController>(o).Spec?.Template),
        new("batch", "jobs", "Job", PodSpecLocation.Template, o => KubernetesJson.Deserialize<V1Job>(o).Spec?.Template),
        new("batch", "cronjobs", "CronJob", PodSpecLocation.CronJobTemplate, o => KubernetesJson.Deserialize<V1CronJob>(o).Spec?.JobTemplate?.Spec?.Template),
        new("", "podtemplates", "PodTemplate", PodSpecLocation.PodTemplate, o => KubernetesJson.Deserialize<V1PodTemplate>(o).Template),
    ];

    public static PodTemplateKind? Find(string group, string resource)
    {
        foreach (var k in All)
            if (k.Group == group && k.Resource == resource) return k;
        return null;
    }
}
