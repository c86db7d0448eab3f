using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// seccomp-unconfined: no workload may run without a seccomp filter.
/// Fields: HostConfig.SecurityOpt seccomp=unconfined or an inline profile that allows everything
/// (Docker), spec.securityContext.seccompProfile and every container's securityContext.seccompProfile
/// (Kubernetes, each level on its own as PSS seccompProfile_baseline does), linux.seccomp absent or
/// allow-all (OCI). Allowed: unset, RuntimeDefault, Localhost, an inline profile that blocks something.
/// </summary>
public sealed class SeccompUnconfined : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new SeccompUnconfined());

    public override RuleInfo Info { get; } = new()
    {
        Id = "seccomp-unconfined",
        Title = "Do not disable seccomp",
        Rationale = "Seccomp blocks the syscalls most kernel exploits and container escapes need (unshare, keyctl, bpf, mount…); without it every kernel bug reachable by syscall is reachable from the container.",
        Remediation = "drop seccomp=unconfined (seccompProfile Unconfined) and use the runtime default or a custom profile",
        References = new() { CisV12 = "5.21", CisV16 = "5.22", Stig = "V-235812", PssCheck = "seccompProfile_baseline", PssLevel = PssLevel.Baseline },
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        if (request.Sandbox.PodSecurity.Seccomp is { IsEffectivelyUnconfined: true } pod)
            sink.Add(pod.Path, Describe(pod));
        foreach (var c in request.Containers)
            if (c.Security.Seccomp is { IsEffectivelyUnconfined: true } s)
                sink.Add(c, s.Path, Describe(s));
    }

    private static string Describe(Seccomp s) => s.Kind == SeccompKind.Inline ? "seccomp profile allows every syscall" : "seccomp unconfined";
}
