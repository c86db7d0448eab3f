using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// writable-cgroups: the container's cgroup filesystem must stay read-only.
/// Fields: HostConfig.SecurityOpt writable-cgroups=true (Docker v29+); the OCI adapter may report a
/// cgroup mount without "ro" the same way. Allowed: unset or false.
/// </summary>
public sealed class WritableCgroups : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new WritableCgroups());

    public override RuleInfo Info { get; } = new()
    {
        Id = "writable-cgroups",
        Title = "Do not mount cgroups writable",
        Rationale = "A writable /sys/fs/cgroup lets the container change its own limits and, on cgroup v1, write release_agent and notify_on_release to run a program on the host (CVE-2022-0492). No CIS check or STIG item covers it.",
        Remediation = "drop writable-cgroups=true",
        Surfaces = [Surface.Docker, Surface.Oci],
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        foreach (var c in request.Containers)
            if (c.WritableCgroups is { Value: true } w)
                sink.Add(c, w.Path, "writable cgroups");
    }
}
