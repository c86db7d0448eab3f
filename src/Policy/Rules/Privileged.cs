using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// privileged: no container may run privileged.
/// Fields: HostConfig.Privileged (Docker), securityContext.privileged of every container kind
/// (Kubernetes), the evidence of --privileged in an OCI config (the OCI adapter sets Privileged).
/// Allowed: unset or false.
/// </summary>
public sealed class Privileged : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new Privileged());

    public override RuleInfo Info { get; } = new()
    {
        Id = "privileged",
        Title = "Do not run privileged containers",
        Rationale = "A privileged container gets every capability, every host device, no seccomp or AppArmor confinement and writable /sys: it is root on the host.",
        Remediation = "remove --privileged (securityContext.privileged) and add only the capabilities or devices the workload needs",
        References = new() { CisV12 = "5.4", CisV16 = "5.5", Stig = "V-235802", PssCheck = "privileged", PssLevel = PssLevel.Baseline },
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        foreach (var c in request.Containers)
            if (c.Privileged is { Value: true } p)
                sink.Add(c, p.Path, "privileged container");
    }
}
