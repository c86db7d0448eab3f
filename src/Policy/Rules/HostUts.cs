using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// host-uts: the sandbox must not use the host's UTS namespace.
/// Fields: HostConfig.UTSMode=host (Docker), a missing linux.namespaces uts entry or one whose path is
/// the host's (OCI). Kubernetes has no hostUTS field (a pod gets the host's UTS only with hostNetwork,
/// which host-network covers), and PSS hostNamespaces does not check UTS. Allowed: a private UTS namespace.
/// </summary>
public sealed class HostUts : HostNamespaceRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new HostUts());

    public override RuleInfo Info { get; } = new()
    {
        Id = "host-uts",
        Title = "Do not share the host's UTS namespace",
        Rationale = "In the host's UTS namespace a container can change the host's hostname and NIS domain name, which other host services trust.",
        Remediation = "remove --uts host",
        References = new() { CisV12 = "5.20", CisV16 = "5.21", Stig = "V-235811" },
        Parameters = [ContainerSharingParameter(false)],
    };

    protected override string NamespaceName => "UTS";
    protected override NamespaceSetting Select(Namespaces namespaces) => namespaces.Uts;
}
