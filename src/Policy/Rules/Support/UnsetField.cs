using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules.Support;

/// <summary>
/// Where a setting that the request left unset would have to be written, for violations about a
/// missing value ("no-new-privileges not set"). A set value carries its own path in the model; an
/// absent one has none, so rules name the field the user must add, in the surface's notation.
/// </summary>
internal static class UnsetField
{
    /// <summary><c>spec.containers[0].securityContext.allowPrivilegeEscalation</c> for a Kubernetes container.</summary>
    public static string SecurityContext(Container c, string field) => $"{c.Path}.securityContext.{field}";

    /// <summary>Kubernetes <c>spec.securityContext.&lt;field&gt;</c>.</summary>
    public static string PodSecurityContext(string field) => $"spec.securityContext.{field}";

    public static string NoNewPrivileges(WorkloadRequest request, Container c) => request.Surface switch
    {
        Surface.Kubernetes => SecurityContext(c, "allowPrivilegeEscalation"),
        Surface.Oci => "process.noNewPrivileges",
        _ => "HostConfig.SecurityOpt",
    };

    public static string User(WorkloadRequest request, Container c) => request.Surface switch
    {
        Surface.Kubernetes => SecurityContext(c, "runAsUser"),
        Surface.Oci => "process.user",
        _ => "User",
    };
}
