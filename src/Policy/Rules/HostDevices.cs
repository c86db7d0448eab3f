using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Rules.Support;

namespace DockerGuard.Policy.Rules;

/// <summary>
/// host-devices: containers get no host device that is not allow-listed.
/// Fields: HostConfig.Devices[].PathOnHost, DeviceCgroupRules[], DeviceRequests[] (Docker),
/// linux.devices[] and linux.resources.devices[] beyond the runtime default (OCI).
/// Allowed: devices whose cleaned host path is, or lies under, an entry of <c>allowedDevices</c>;
/// cgroup rules and device requests written exactly as in <c>allowedDeviceCgroupRules</c> /
/// <c>allowedDeviceRequests</c>. Everything is denied by default.
/// </summary>
public sealed class HostDevices : Rule<HostDevices.Settings>
{
    public sealed record Settings(ImmutableArray<string> AllowedDevices, FrozenSet<string> AllowedCgroupRules, FrozenSet<string> AllowedRequests);

    [ModuleInitializer]
    internal static void Register() => RuleCatalog.Register(new HostDevices());

    public override RuleInfo Info { get; } = new()
    {
        Id = "host-devices",
        Title = "Do not expose host devices",
        Rationale = "A host device node gives the container the kernel driver behind it: a block device is the host's disk without any filesystem permission, /dev/mem and /dev/kmsg reach the kernel, and a cgroup rule such as 'a *:* rwm' lets the container use any device it can mknod.",
        Remediation = "remove --device / --device-cgroup-rule / --gpus, or allow-list the device in the policy",
        References = new() { CisV12 = "5.17", CisV16 = "5.18", Stig = "V-235809" },
        Parameters =
        [
            ParameterSpec.List("allowedDevices", [], "host device paths (or directories of them) a container may get, e.g. /dev/fuse"),
            ParameterSpec.List("allowedDeviceCgroupRules", [], "device cgroup rules allowed verbatim, e.g. 'c 10:229 rwm'"),
            ParameterSpec.List("allowedDeviceRequests", [], "device requests allowed verbatim, as driver:capabilities, e.g. 'nvidia:gpu'"),
        ],
    };

    protected override Settings ReadSettings(RuleParameters parameters) => new(
        [.. parameters.GetList("allowedDevices").Select(HostPath.Clean)],
        parameters.GetList("allowedDeviceCgroupRules").ToFrozenSet(StringComparer.Ordinal),
        parameters.GetList("allowedDeviceRequests").ToFrozenSet(StringComparer.Ordinal));

    protected override void Check(WorkloadRequest request, Settings settings, ViolationSink sink)
    {
        foreach (var c in request.Containers)
        {
            foreach (var d in c.Devices)
                if (!HostPath.IsOrUnderAny(HostPath.Clean(d.PathOnHost), settings.AllowedDevices))
                    sink.Add(c, d.Path, $"host device {d.PathOnHost}");
            foreach (var rule in c.DeviceCgroupRules)
                if (!settings.AllowedCgroupRules.Contains(rule.Value))
                    sink.Add(c, rule.Path, $"device cgroup rule '{rule.Value}'");
            foreach (var req in c.DeviceRequests)
                if (!settings.AllowedRequests.Contains(req.Value))
                    sink.Add(c, req.Path, $"device request {req.Value}");
        }
    }
}
