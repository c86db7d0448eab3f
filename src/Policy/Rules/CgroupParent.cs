using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// cgroup-parent: containers stay in the cgroup the daemon gives them, or in an allowed one.
/// Field: HostConfig.CgroupParent (Docker).
/// Allowed: empty, or a parent that after path cleaning is, or lies under, an entry of <c>allowed</c>
/// (a child cgroup is held by its parent's limits). "/a/../.." cleans to "/" and is flagged.
/// </summary>
public sealed class CgroupParent : Rule<ImmutableArray<string>>
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new CgroupParent());

    public override RuleInfo Info { get; } = new()
    {
        Id = "cgroup-parent",
        Title = "Keep containers in their own cgroup",
        Rationale = "A chosen cgroup parent takes the container out from under the limits the daemon applies to containers and can place it beside, or inside, host services' cgroups.",
        Remediation = "remove --cgroup-parent, or allow the parent in the policy",
        References = new() { CisV12 = "5.24", CisV16 = "5.25", Stig = "V-235815" },
        DefaultAction = RuleAction.Warn,
        Parameters = [ParameterSpec.List("allowed", [], "cgroup parents a container may use (it may also use one below them)")],
        Surfaces = [Surface.Docker],
    };

    protected override ImmutableArray<string> ReadSettings(RuleParameters parameters) =>
        [.. parameters.GetList("allowed").Select(HostPath.Clean)];

    protected override void Check(WorkloadRequest request, ImmutableArray<string> allowed, ViolationSink sink)
    {
        foreach (var c in request.Containers)
        {
            if (c.CgroupParent is not { Value.Length: > 0 } parent) continue;
            if (!HostPath.IsOrUnderAny(HostPath.Clean(parent.Value), allowed))
                sink.Add(c, parent.Path, $"cgroup parent {parent.Value}");
        }
    }
}
