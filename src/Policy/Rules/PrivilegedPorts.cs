using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// privileged-ports: containers do not publish host ports below 1024.
/// Field: HostConfig.PortBindings[*].HostPort (Docker).
/// Allowed: 0 (any free port) and 1024-65535. Kubernetes hostPort is governed, whatever its
/// number, by host-ports; OCI configs carry no port publishing.
/// </summary>
public sealed class PrivilegedPorts : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new PrivilegedPorts());

    public override RuleInfo Info { get; } = new()
    {
        Id = "privileged-ports",
        Title = "Do not publish privileged host ports",
        Rationale = "Ports below 1024 are where the host's own services (SSH, DNS, HTTP) and their clients expect trusted daemons; a container publishing one can take or impersonate such a service.",
        Remediation = "publish on a host port of 1024 or above (-p 8080:80)",
        References = new() { CisV12 = "5.7", CisV16 = "5.8", Stig = "V-235819" },
        Surfaces = [Surface.Docker],
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        foreach (var c in request.Containers)
            foreach (var p in c.Ports)
                if (p.HostPort is > 0 and < 1024)
                    sink.Add(c, p.Path, $"privileged host port {p.HostPort} published for {p.ContainerPort}/{p.Protocol}");
    }
}
