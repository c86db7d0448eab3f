using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules.Support;

/// <summary>
/// Whether the workload's root is mapped away from host root. Kubernetes <c>hostUsers: false</c> (the
/// adapter reports it as a Private user namespace) relaxes PSS runAsUser, runAsNonRoot and procMount
/// from v1.35; an OCI config with a <c>user</c> namespace entry, or a path into another container's,
/// has its uid 0 mapped to an unprivileged host uid.
/// </summary>
internal static class UserNamespace
{
    public static bool IsOwn(WorkloadRequest request) => request.Sandbox.Namespaces.User.Mode != NamespaceMode.Host;
}
