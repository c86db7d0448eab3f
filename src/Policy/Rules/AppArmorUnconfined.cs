using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// apparmor-unconfined: no workload may run without AppArmor confinement.
/// Fields: HostConfig.SecurityOpt apparmor=unconfined (Docker), spec.securityContext.appArmorProfile,
/// every container's securityContext.appArmorProfile and the beta annotations (Kubernetes, each level
/// on its own as PSS appArmorProfile does), process.apparmorProfile "unconfined" (OCI).
/// Allowed: unset, RuntimeDefault, Localhost.
/// </summary>
public sealed class AppArmorUnconfined : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new AppArmorUnconfined());

    public override RuleInfo Info { get; } = new()
    {
        Id = "apparmor-unconfined",
        Title = "Do not disable AppArmor",
        Rationale = "The runtime's AppArmor profile denies writes to /proc and /sys files and mounts that container escapes rely on; unconfined removes that layer.",
        Remediation = "drop apparmor=unconfined (appArmorProfile Unconfined) and use the runtime default or a custom profile",
        References = new() { CisV12 = "5.1", CisV16 = "5.2", Stig = "V-235799", PssCheck = "appArmorProfile", PssLevel = PssLevel.Baseline },
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        if (request.Sandbox.PodSecurity.AppArmor is { Kind: AppArmorKind.Unconfined } pod)
            sink.Add(pod.Path, "AppArmor unconfined");
        foreach (var c in request.Containers)
            if (c.Security.AppArmor is { Kind: AppArmorKind.Unconfined } a)
                sink.Add(c, a.Path, "AppArmor unconfined");
    }
}
