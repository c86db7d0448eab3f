using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// memory-limit: every container has a memory limit, at most <c>maxBytes</c> when that is above 0,
/// and no unlimited swap on top of it.
/// Fields: HostConfig.Memory and MemorySwap (Docker), resources.limits.memory of init and regular
/// containers (Kubernetes; ephemeral containers cannot set resources), linux.resources.memory.limit
/// and .swap (OCI).
/// Flagged: no limit (Docker 0, OCI -1 or absent), a limit above the cap, swap -1 with a limit.
/// </summary>
public sealed class MemoryLimit : ResourceLimitRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new MemoryLimit());

    public override RuleInfo Info { get; } = new()
    {
        Id = "memory-limit",
        Title = "Limit container memory",
        Rationale = "Without a memory limit one container can exhaust the host's memory and get the host's OOM killer to take down other containers or the daemons themselves; unlimited swap turns the limit into a slow host-wide denial of service.",
        Remediation = "set --memory (resources.limits.memory), and --memory-swap no larger than needed",
        References = new() { CisV12 = "5.10", CisV16 = "5.11", Stig = "V-235806" },
        DefaultAction = RuleAction.Warn,
        Parameters = [ParameterSpec.Int("maxBytes", 0, "largest memory limit in bytes a container may ask for (0 = no cap)")],
    };

    protected override string LimitName => "memory";
    protected override string CapParameter => "maxBytes";
    protected override Field<long>? Select(Limits limits) => limits.MemoryBytes;
    protected override string UnsetPath(WorkloadRequest request, Container container) => UnsetSettingPath.Memory(request, container);
    protected override bool Applies(Container container) => container.Kind != ContainerKind.Ephemeral;

    protected override void CheckMore(WorkloadRequest request, Container container, ViolationSink sink)
    {
        if (container.Limits.MemorySwapBytes is { Value: -1 } swap)
            sink.Add(container, swap.Path, "unlimited swap (memory-swap -1)");
    }

    /// <summary>"512 MiB" rather than 536870912 when the value is a whole number of binary units.</summary>
    protected override string Format(long bytes)
    {
        const long KiB = 1024, MiB = KiB * 1024, GiB = MiB * 1024;
        if (bytes > 0 && bytes % GiB == 0) return $"{bytes / GiB} GiB";
        if (bytes > 0 && bytes % MiB == 0) return $"{bytes / MiB} MiB";
        if (bytes > 0 && bytes % KiB == 0) return $"{bytes / KiB} KiB";
        return $"{bytes} bytes";
    }
}
