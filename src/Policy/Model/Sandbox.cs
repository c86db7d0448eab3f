using System.Collections.Immutable;

namespace DockerGuard.Policy.Model;

/// <summary>
/// What the containers of one workload share: namespaces, sysctls, pod-level volumes and
/// pod-level security defaults. A Docker or OCI container is a sandbox of one.
/// </summary>
public sealed record Sandbox
{
    public static readonly Sandbox Default = new();

    public Namespaces Namespaces { get; init; } = Namespaces.AllPrivate;
    public ImmutableArray<Sysctl> Sysctls { get; init; } = [];
    public ImmutableArray<Volume> Volumes { get; init; } = [];
    /// <summary>Kubernetes <c>spec.securityContext</c>; unset elsewhere.</summary>
    public ProcessSecurity PodSecurity { get; init; } = ProcessSecurity.Unset;
    /// <summary>Kubernetes <c>spec.os.name</c> ("linux", "windows") when set.</summary>
    public string? OsName { get; init; }
    public string? RuntimeClassName { get; init; }
}
