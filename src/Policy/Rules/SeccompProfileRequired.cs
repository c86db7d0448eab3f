using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// seccomp-profile-required: PSS seccompProfile_restricted, one to one.
/// Fields: spec.securityContext.seccompProfile.type and every container's securityContext.seccompProfile.type.
/// Allowed: pod-level RuntimeDefault or Localhost, or every container setting one; an explicit
/// Unconfined at any level fails. Skipped for spec.os.name: windows (PSS v1.25+).
/// Kubernetes only: an unset profile means the kubelet default, Unconfined unless SeccompDefault is on,
/// whereas Docker applies its default profile to an unset one and the OCI adapter reports an absent
/// linux.seccomp as Unconfined; seccomp-unconfined covers both.
/// </summary>
public sealed class SeccompProfileRequired : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new SeccompProfileRequired());

    public override RuleInfo Info { get; } = new()
    {
        Id = "seccomp-profile-required",
        Title = "Set a seccomp profile explicitly",
        Rationale = "An unset seccompProfile leaves the choice to the kubelet, whose default is Unconfined unless SeccompDefault is enabled on every node. PSS restricted therefore requires RuntimeDefault or Localhost, at pod level or on every container.",
        Remediation = "set securityContext.seccompProfile.type: RuntimeDefault on the pod",
        References = new() { CisV12 = "5.21", CisV16 = "5.22", Stig = "V-235812", PssCheck = "seccompProfile_restricted", PssLevel = PssLevel.Restricted },
        DefaultAction = RuleAction.Off,
        Surfaces = [Surface.Kubernetes],
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        if (request.Sandbox.OsName == "windows") return;
        var podSetsProfile = false;
        if (request.Sandbox.PodSecurity.Seccomp is { } pod)
        {
            if (pod.IsEffectivelyUnconfined) sink.Add(pod.Path, "seccomp unconfined");
            else podSetsProfile = true;
        }
        foreach (var c in request.Containers)
        {
            if (c.Security.Seccomp is { } s)
            {
                if (s.IsEffectivelyUnconfined) sink.Add(c, s.Path, "seccomp unconfined");
            }
            else if (!podSetsProfile)
                sink.Add(c, UnsetField.SecurityContext(c, "seccompProfile"), "seccomp profile not set");
        }
    }
}
