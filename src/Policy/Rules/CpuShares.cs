using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// cpu-shares: every container states its CPU priority.
/// Field: HostConfig.CpuShares (Docker).
/// Flagged: unset (Docker 0 = the default weight of 1024, which the adapter reports as unset).
/// </summary>
public sealed class CpuShares : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new CpuShares());

    public override RuleInfo Info { get; } = new()
    {
        Id = "cpu-shares",
        Title = "Set CPU priority explicitly",
        Rationale = "Every container on the default weight competes equally for CPU: a busy or hostile one slows the ones that matter. Setting shares makes the priority a decision, not an accident.",
        Remediation = "set --cpu-shares (for example --cpu-shares 512)",
        References = new() { CisV12 = "5.11", CisV16 = "5.12", Stig = "V-235807" },
        DefaultAction = RuleAction.Warn,
        Surfaces = [Surface.Docker],
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        foreach (var c in request.Containers)
            if (c.Limits.CpuShares is null)
                sink.Add(c, UnsetSettingPath.CpuShares(request, c), "no CPU shares set (default weight)");
    }
}
