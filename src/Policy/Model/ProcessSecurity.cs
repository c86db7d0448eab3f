namespace DockerGuard.Policy.Model;

/// <summary>
/// Identity and LSM settings that Kubernetes allows at both pod and container level. Containers
/// carry their own; the sandbox carries the pod-level ones. Rules apply Kubernetes precedence
/// (container wins) themselves, because PSS checks also look at each level on its own
/// ("no explicit false anywhere"). Null = not set at this level.
/// </summary>
public sealed record ProcessSecurity
{
    public static readonly ProcessSecurity Unset = new();

    /// <summary>Docker/OCI user as written (<c>name</c>, <c>uid</c>, <c>uid:gid</c>). Kubernetes uses <see cref="RunAsUser"/>.</summary>
    public Field<string>? User { get; init; }
    public Field<long>? RunAsUser { get; init; }
    public Field<long>? RunAsGroup { get; init; }
    public Field<bool>? RunAsNonRoot { get; init; }
    public Seccomp? Seccomp { get; init; }
    public AppArmor? AppArmor { get; init; }
    public SELinux? SELinux { get; init; }
    public Field<bool>? WindowsHostProcess { get; init; }
}
