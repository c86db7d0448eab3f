using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// host-pid: the sandbox must not use the host's PID namespace.
/// Fields: HostConfig.PidMode=host (Docker), spec.hostPID (Kubernetes), a missing linux.namespaces
/// pid entry or one whose path is the host's (OCI). Allowed: a private PID namespace; container:&lt;x&gt;
/// unless denyContainerSharing.
/// </summary>
public sealed class HostPid : HostNamespaceRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new HostPid());

    public override RuleInfo Info { get; } = new()
    {
        Id = "host-pid",
        Title = "Do not share the host's PID namespace",
        Rationale = "In the host's PID namespace a container sees every host process, can signal them and, with ptrace or /proc/<pid>/root, reach into them and their files.",
        Remediation = "remove --pid host (hostPID: true)",
        References = new() { CisV12 = "5.15", CisV16 = "5.16", Stig = "V-235784", PssCheck = "hostNamespaces", PssLevel = PssLevel.Baseline },
        Parameters = [ContainerSharingParameter(false)],
    };

    protected override string NamespaceName => "PID";
    protected override NamespaceSetting Select(Namespaces namespaces) => namespaces.Pid;
}
