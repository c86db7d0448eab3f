using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// host-network: the sandbox must not use the host's network namespace.
/// Fields: HostConfig.NetworkMode=host (Docker), spec.hostNetwork (Kubernetes), a missing
/// linux.namespaces network entry or one whose path is the host's netns (OCI).
/// </summary>
public sealed class HostNetwork : HostNamespaceRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new HostNetwork());

    public override RuleInfo Info { get; } = new()
    {
        Id = "host-network",
        Title = "Do not share the host's network namespace",
        Rationale = "With the host's network namespace a container can bind any host port, reach services bound to localhost and sniff or spoof host traffic.",
        Remediation = "remove --network host (hostNetwork: true) and publish the ports the workload needs",
        References = new() { CisV12 = "5.9", CisV16 = "5.10", Stig = "V-235805", PssCheck = "hostNamespaces", PssLevel = PssLevel.Baseline },
        Parameters = [ContainerSharingParameter(false)],
    };

    protected override string NamespaceName => "network";
    protected override NamespaceSetting Select(Namespaces namespaces) => namespaces.Network;
}
