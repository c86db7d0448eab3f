namespace DockerGuard.Policy.Model;

/// <summary>
/// One namespace's mode, what it is shared with, and the field that decided it.
/// <see cref="Explicit"/> is false when the mode is the runtime's default rather than something the
/// request asked for: Docker's empty UsernsMode (host unless the daemon remaps), an empty
/// CgroupnsMode on a cgroup v1 daemon, rootful podman's missing user namespace, Kubernetes'
/// unset hostUsers. Rules for the mission's "--userns=host" deny what was asked for; stricter
/// rules (require-user-namespace) deny the default too.
/// </summary>
public readonly record struct NamespaceSetting(NamespaceMode Mode, string Path, string? SharedWith = null, bool Explicit = true)
{
    public static NamespaceSetting Private(string path) => new(NamespaceMode.Private, path);
    public static NamespaceSetting Host(string path) => new(NamespaceMode.Host, path);
    public static NamespaceSetting HostByDefault(string path) => new(NamespaceMode.Host, path, Explicit: false);
    public static NamespaceSetting Container(string path, string target) => new(NamespaceMode.Container, path, target);

    public bool IsHost => Mode == NamespaceMode.Host;
}
