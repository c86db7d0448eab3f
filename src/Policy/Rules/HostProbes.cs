using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// host-probes: PSS hostProbesAndHostLifecycle (baseline, v1.34+).
/// Fields: httpGet.host and tcpSocket.host of every container's liveness, readiness and startup
/// probes and lifecycle postStart/preStop handlers. Allowed: empty (the pod's own IP).
/// </summary>
public sealed class HostProbes : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new HostProbes());

    public override RuleInfo Info { get; } = new()
    {
        Id = "host-probes",
        Title = "Do not point probes or lifecycle handlers at other hosts",
        Rationale = "The kubelet runs HTTP and TCP probes and lifecycle hooks from the node: a host field lets a pod make the node connect to any address it can reach, including the node's own localhost-only services.",
        Remediation = "remove the host field from probes and lifecycle handlers",
        References = new() { PssCheck = "hostProbesAndHostLifecycle", PssLevel = PssLevel.Baseline },
        Surfaces = [Surface.Kubernetes],
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        foreach (var c in request.Containers)
            foreach (var h in c.ProbeHosts)
                if (h.Value.Length > 0)
                    sink.Add(c, h.Path, $"probe or lifecycle handler targets host {h.Value}");
    }
}
