using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// run-as-non-root: PSS runAsNonRoot (restricted), one to one.
/// Fields: spec.securityContext.runAsNonRoot and every container's securityContext.runAsNonRoot.
/// Allowed: no explicit false at any level, and pod-level true or every container true. A pod with
/// hostUsers: false passes (PSS v1.35+). Kubernetes only: runAsNonRoot is the kubelet's check.
/// </summary>
public sealed class RunAsNonRoot : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new RunAsNonRoot());

    public override RuleInfo Info { get; } = new()
    {
        Id = "run-as-non-root",
        Title = "Require runAsNonRoot",
        Rationale = "runAsNonRoot: true makes the kubelet refuse to start a container whose user would be root, whatever the image says. PSS restricted requires it at pod level or on every container.",
        Remediation = "set securityContext.runAsNonRoot: true on the pod",
        References = new() { CisV12 = "4.1", CisV16 = "4.1", PssCheck = "runAsNonRoot", PssLevel = PssLevel.Restricted },
        DefaultAction = RuleAction.Off,
        Surfaces = [Surface.Kubernetes],
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        if (UserNamespace.IsOwn(request)) return;
        var podRequires = false;
        if (request.Sandbox.PodSecurity.RunAsNonRoot is { } pod)
        {
            if (pod.Value) podRequires = true;
            else sink.Add(pod.Path, "runAsNonRoot=false");
        }
        foreach (var c in request.Containers)
        {
            if (c.Security.RunAsNonRoot is { } r)
            {
                if (!r.Value) sink.Add(c, r.Path, "runAsNonRoot=false");
            }
            else if (!podRequires)
                sink.Add(c, UnsetSettingPath.SecurityContext(c, "runAsNonRoot"), "runAsNonRoot not set");
        }
    }
}
