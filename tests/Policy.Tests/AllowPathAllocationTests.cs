using DockerGuard.Policy.Catalog;
using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests;

/// <summary>
/// The issue asks for no per-rule allocations on the allow path. Every rule, on realistic requests
/// it lets through, must allocate nothing in Check (counted by the runtime, not timed).
/// </summary>
public class AllowPathAllocationTests
{
    private const long MiB = 1024 * 1024;

    /// <summary>The create-hardened fixture's shape, plus a data bind and a safe sysctl.</summary>
    private static WorkloadRequest HardenedDocker() => Requests.Docker(c => c with
    {
        Security = new ProcessSecurity { User = Field.Of("1000:1000", "User") },
        ReadOnlyRootFilesystem = Field.Of(true, "HostConfig.ReadonlyRootfs"),
        AllowPrivilegeEscalation = Field.Of(false, "HostConfig.SecurityOpt"),
        CapDrop = Requests.Strings("HostConfig.CapDrop", "ALL"),
        CapAdd = Requests.Strings("HostConfig.CapAdd", "NET_BIND_SERVICE"),
        Limits = new Limits
        {
            MemoryBytes = Field.Of(64 * MiB, "HostConfig.Memory"),
            Pids = Field.Of(100L, "HostConfig.PidsLimit"),
            CpuShares = Field.Of(512L, "HostConfig.CpuShares"),
        },
        Ports = [Ports.Docker(80, "127.0.0.1", 8080)],
        Mounts = [Mounts.DockerBind("/srv/app/data"), Mounts.DockerVolume("cache", "/cache")],
        RestartPolicy = new RestartPolicy("on-failure", 3, "HostConfig.RestartPolicy"),
    }, s => s with { Sysctls = [new Sysctl("net.ipv4.ip_unprivileged_port_start", "0", "HostConfig.Sysctls")] });

    private static WorkloadRequest PodWithVolumes() => Requests.PodWithAllKinds(
        Mounts.With(c => Mounts.PodOther(c, "cfg")), Mounts.With(c => Mounts.PodHostPath(c, "/mnt/data")), Mounts.With(c => Mounts.PodOther(c, "cfg"))) with
    {
        Sandbox = Requests.Pod().Sandbox with { Volumes = [Mounts.PodVolume("cfg", "configMap"), Mounts.HostPathVolume("data", "/mnt/data", 1)] },
    };

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.All) data.Add(rule.Info.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Check_allocates_nothing_when_the_request_passes(string ruleId)
    {
        var rule = RuleCatalog.Find(ruleId)!;
        var bound = rule.BindDefaults();
        WorkloadRequest[] requests = [Requests.Docker(), HardenedDocker(), Requests.Pod(), PodWithVolumes(), Requests.Oci()];
        var measured = 0;
        foreach (var request in requests)
        {
            var sink = ViolationSink.For(rule.Info);
            bound.Check(request, sink);
            if (sink.Count > 0) continue;
            var before = GC.GetAllocatedBytesForCurrentThread();
            bound.Check(request, sink);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            allocated.Should().Be(0, $"{ruleId} passed {request.Surface} request #{Array.IndexOf(requests, request)} and must not allocate");
            measured++;
        }
        measured.Should().BePositive($"{ruleId} should pass at least one realistic request");
    }
}
