using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// pids-limit: every container has a PIDs limit, at most <c>max</c> when that is above 0.
/// Fields: HostConfig.PidsLimit (Docker), linux.resources.pids.limit (OCI).
/// Flagged: no limit (Docker null, 0 or -1; OCI -1 or absent) and a limit above the cap.
/// Kubernetes pod PID limits are a kubelet setting (podPidsLimit), not part of the Pod.
/// </summary>
public sealed class PidsLimit : ResourceLimitRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new PidsLimit());

    public override RuleInfo Info { get; } = new()
    {
        Id = "pids-limit",
        Title = "Limit the number of processes",
        Rationale = "Without a PIDs limit a fork bomb in one container exhausts the host's process table and takes every other workload and the daemons with it.",
        Remediation = "set --pids-limit (for example --pids-limit 100)",
        References = new() { CisV12 = "5.28", CisV16 = "5.29", Stig = "V-235828" },
        DefaultAction = RuleAction.Warn,
        Parameters = [ParameterSpec.Int("max", 0, "largest PIDs limit a container may ask for (0 = no cap)")],
        Surfaces = [Surface.Docker, Surface.Oci],
    };

    protected override string LimitName => "PIDs";
    protected override string CapParameter => "max";
    protected override Field<long>? Select(Limits limits) => limits.Pids;
    protected override string UnsetPath(WorkloadRequest request, Container container) => UnsetSettingPath.Pids(request, container);
}
