using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// host-ipc: the sandbox must not use the host's IPC namespace.
/// Fields: HostConfig.IpcMode=host (Docker; none, private and shareable are private), spec.hostIPC
/// (Kubernetes), a missing linux.namespaces ipc entry or one whose path is the host's (OCI).
/// Allowed: a private IPC namespace; container:&lt;x&gt; unless denyContainerSharing.
/// </summary>
public sealed class HostIpc : HostNamespaceRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new HostIpc());

    public override RuleInfo Info { get; } = new()
    {
        Id = "host-ipc",
        Title = "Do not share the host's IPC namespace",
        Rationale = "In the host's IPC namespace a container can read and write the host's shared memory segments, semaphores and message queues, and so data of host processes.",
        Remediation = "remove --ipc host (hostIPC: true)",
        References = new() { CisV12 = "5.16", CisV16 = "5.17", Stig = "V-235785", PssCheck = "hostNamespaces", PssLevel = PssLevel.Baseline },
        Parameters = [ContainerSharingParameter(false)],
    };

    protected override string NamespaceName => "IPC";
    protected override NamespaceSetting Select(Namespaces namespaces) => namespaces.Ipc;
}
