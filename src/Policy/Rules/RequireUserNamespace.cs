using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// require-user-namespace: every workload must run in a user namespace of its own.
/// Fields: HostConfig.UsernsMode (Docker; empty is host unless the daemon remaps), spec.hostUsers
/// (Kubernetes; unset is true), linux.namespaces user entry (OCI; absent is host). Allowed: a private
/// user namespace (hostUsers: false, userns-remap, podman --userns=auto). Stricter than PSS restricted,
/// which never requires hostUsers: false (kubernetes-admission.md §6), so it ships Off.
/// </summary>
public sealed class RequireUserNamespace : HostNamespaceRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new RequireUserNamespace());

    public override RuleInfo Info { get; } = new()
    {
        Id = "require-user-namespace",
        Title = "Run every workload in its own user namespace",
        Rationale = "Without a user namespace, uid 0 in the container is uid 0 on the host: any escape (a kernel bug, a mount, a capability) is a host-root escape. This is stricter than the runtime defaults and than PSS restricted, so it is off unless a policy turns it on.",
        Remediation = "set hostUsers: false, or enable userns-remap (podman --userns=auto)",
        References = new() { CisV12 = "5.30", CisV16 = "5.31", Stig = "V-235817" },
        DefaultAction = RuleAction.Off,
        Parameters = [ContainerSharingParameter(false)],
    };

    protected override string NamespaceName => "user";
    protected override NamespaceSetting Select(Namespaces namespaces) => namespaces.User;
}
