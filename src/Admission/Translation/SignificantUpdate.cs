using k8s.Models;

namespace DockerGuard.Admission.Translation;

/// <summary>
/// Pod Security Admission's <c>isSignificantPodUpdate</c> (pod-security-admission admission.go):
/// an UPDATE is re-evaluated only when the container or initContainer count changed, an image
/// changed, a seccomp annotation changed, or an ephemeral container was added or changed. Other
/// updates (labels, annotations, status-like fields) pass without evaluation: most of the pod
/// spec is immutable after creation, and re-judging it would block routine relabelling of pods
/// admitted under an older policy.
/// </summary>
public static class SignificantUpdate
{
    public static bool IsSignificant(V1Pod pod, V1Pod old)
    {
        var annotations = pod.Metadata?.Annotations;
        var oldAnnotations = old.Metadata?.Annotations;
        if (Annotation(annotations, LegacyAnnotations.SeccompPod) != Annotation(oldAnnotations, LegacyAnnotations.SeccompPod)) return true;

        var spec = pod.Spec ?? new V1PodSpec();
        var oldSpec = old.Spec ?? new V1PodSpec();
        if (Count(spec.Containers) != Count(oldSpec.Containers) || Count(spec.InitContainers) != Count(oldSpec.InitContainers)) return true;
        for (var i = 0; i < Count(spec.Containers); i++)
            if (ContainerChanged(spec.Containers![i].Name, spec.Containers[i].Image, oldSpec.Containers![i].Image, annotations, oldAnnotations)) return true;
        for (var i = 0; i < Count(spec.InitContainers); i++)
            if (ContainerChanged(spec.InitContainers![i].Name, spec.InitContainers[i].Image, oldSpec.InitContainers![i].Image, annotations, oldAnnotations)) return true;

        foreach (var e in spec.EphemeralContainers ?? [])
        {
            var before = oldSpec.EphemeralContainers?.FirstOrDefault(o => o.Name == e.Name);
            if (before is null) return true;
            if (ContainerChanged(e.Name, e.Image, before.Image, annotations, oldAnnotations)) return true;
        }
        return false;
    }

    private static bool ContainerChanged(string? name, string? image, string? oldImage, IDictionary<string, string>? annotations, IDictionary<string, string>? oldAnnotations)
    {
        if (image != oldImage) return true;
        var key = LegacyAnnotations.SeccompContainerPrefix + name;
        return Annotation(annotations, key) != Annotation(oldAnnotations, key);
    }

    private static int Count<T>(IList<T>? list) => list?.Count ?? 0;

    private static string? Annotation(IDictionary<string, string>? annotations, string key) =>
        annotations is not null && annotations.TryGetValue(key, out var v) ? v : null;
}
