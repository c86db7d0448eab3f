namespace DockerGuard.Policy.Model;

/// <summary>The namespaces a workload's processes live in (pod/sandbox level; Docker has one container).</summary>
public sealed record Namespaces
{
    public static readonly Namespaces AllPrivate = new();

    public NamespaceSetting Network { get; init; } = NamespaceSetting.Private("");
    public NamespaceSetting Pid { get; init; } = NamespaceSetting.Private("");
    public NamespaceSetting Ipc { get; init; } = NamespaceSetting.Private("");
    public NamespaceSetting Uts { get; init; } = NamespaceSetting.Private("");
    /// <summary>Host user namespace: container root is host root. Kubernetes <c>hostUsers</c> defaults to true.</summary>
    public NamespaceSetting User { get; init; } = NamespaceSetting.Private("");
    public NamespaceSetting Cgroup { get; init; } = NamespaceSetting.Private("");
}
