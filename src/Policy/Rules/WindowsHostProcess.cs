using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// windows-host-process: PSS windowsHostProcess (baseline).
/// Fields: spec.securityContext.windowsOptions.hostProcess and every container's
/// securityContext.windowsOptions.hostProcess. Allowed: unset or false.
/// </summary>
public sealed class WindowsHostProcess : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new WindowsHostProcess());

    public override RuleInfo Info { get; } = new()
    {
        Id = "windows-host-process",
        Title = "Do not run Windows HostProcess containers",
        Rationale = "A Windows HostProcess container runs directly on the node, in the host's network and with access to its filesystem and processes: the Windows equivalent of a privileged container.",
        Remediation = "remove windowsOptions.hostProcess: true",
        References = new() { PssCheck = "windowsHostProcess", PssLevel = PssLevel.Baseline },
        Surfaces = [Surface.Kubernetes],
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        if (request.Sandbox.PodSecurity.WindowsHostProcess is { Value: true } pod)
            sink.Add(pod.Path, "Windows HostProcess pod");
        foreach (var c in request.Containers)
            if (c.Security.WindowsHostProcess is { Value: true } w)
                sink.Add(c, w.Path, "Windows HostProcess container");
    }
}
