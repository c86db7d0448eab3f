using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// host-cgroupns: the request must not ask for the host's cgroup namespace.
/// Fields: HostConfig.CgroupnsMode=host (Docker --cgroupns host), an OCI cgroup namespace the adapter
/// knows was asked for as host. A host cgroup namespace that is only the runtime default (an empty
/// CgroupnsMode on a cgroup v1 daemon, podman on cgroup v1: every plain container, docker-authz.md §8)
/// is flagged only with denyRuntimeDefault. Kubernetes has no field for it.
/// </summary>
public sealed class HostCgroupns : HostNamespaceRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new HostCgroupns());

    public override RuleInfo Info { get; } = new()
    {
        Id = "host-cgroupns",
        Title = "Do not share the host's cgroup namespace",
        Rationale = "In the host's cgroup namespace a container sees the host's whole cgroup tree and its own place in it, which helps escapes that write to cgroup files (release_agent, CVE-2022-0492). No CIS check covers it; it is one of the host namespaces the mission names.",
        Remediation = "use --cgroupns private instead of host",
        Parameters =
        [
            ContainerSharingParameter(false),
            ParameterSpec.Bool("denyRuntimeDefault", false, "also flag a host cgroup namespace that is only the runtime's default (cgroup v1 hosts)"),
        ],
        Surfaces = [Surface.Docker, Surface.Oci],
    };

    protected override string NamespaceName => "cgroup";
    protected override NamespaceSetting Select(Namespaces namespaces) => namespaces.Cgroup;

    protected override Settings ReadSettings(RuleParameters parameters) =>
        base.ReadSettings(parameters) with { DenyRuntimeDefault = parameters.GetBool("denyRuntimeDefault") };
}
