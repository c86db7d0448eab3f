using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// read-only-rootfs: containers run with a read-only root filesystem.
/// Fields: HostConfig.ReadonlyRootfs (Docker), securityContext.readOnlyRootFilesystem of every
/// container kind (Kubernetes), root.readonly (OCI).
/// Allowed: true. Unset or false is flagged (a CIS "should": warn by default).
/// </summary>
public sealed class ReadOnlyRootfs : SimpleRule
{
    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new ReadOnlyRootfs());

    public override RuleInfo Info { get; } = new()
    {
        Id = "read-only-rootfs",
        Title = "Mount the container's root filesystem read-only",
        Rationale = "A writable root filesystem lets an intruder change the image's binaries and configuration and persist tools; with a read-only root, writes go only to declared volumes and tmpfs, which are easier to watch.",
        Remediation = "run with --read-only (readOnlyRootFilesystem: true) and mount tmpfs or volumes where the app writes",
        References = new() { CisV12 = "5.12", CisV16 = "5.13", Stig = "V-235808" },
        DefaultAction = RuleAction.Warn,
    };

    protected override void Check(WorkloadRequest request, ViolationSink sink)
    {
        foreach (var c in request.Containers)
        {
            if (c.ReadOnlyRootFilesystem is { Value: true }) continue;
            var path = c.ReadOnlyRootFilesystem?.Path ?? UnsetSettingPath.ReadOnlyRoot(request, c);
            sink.Add(c, path, "writable root filesystem");
        }
    }
}
