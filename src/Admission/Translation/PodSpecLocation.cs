namespace DockerGuard.Admission.Translation;

/// <summary>
/// Where a pod spec and its metadata sit inside the admitted object, so every field path is
/// relative to what the user wrote: <c>spec</c> for a Pod, <c>spec.template.spec</c> for a
/// Deployment, <c>spec.jobTemplate.spec.template.spec</c> for a CronJob, <c>template.spec</c> for a PodTemplate.
/// </summary>
public sealed record PodSpecLocation(string Spec, string Metadata)
{
    public static readonly PodSpecLocation Pod = new("spec", "metadata");
    public static readonly PodSpecLocation Template = new("spec.template.spec", "spec.template.metadata");
    public static readonly PodSpecLocation CronJobTemplate = new("spec.jobTemplate.spec.template.spec", "spec.jobTemplate.spec.template.metadata");
    public static readonly PodSpecLocation PodTemplate = new("template.spec", "template.metadata");
}
