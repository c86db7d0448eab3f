using DockerGuard.Policy.Model;
using DockerGuard.Policy.Tests.Support;

namespace DockerGuard.Policy.Tests.Rules;

public sealed class MemoryLimitCases : RuleCases
{
    public override string RuleId => "memory-limit";

    private const long MiB = 1024 * 1024;

    private static Func<Container, Container> Memory(long bytes, string path, long? swap = null, string swapPath = "HostConfig.MemorySwap") => c => c with
    {
        Limits = c.Limits with
        {
            MemoryBytes = Field.Of(bytes, path),
            MemorySwapBytes = swap is { } s ? Field.Of(s, swapPath) : null,
        },
    };

    private static Func<Container, Container> PodMemory(long bytes) => c => Memory(bytes, $"{c.Path}.resources.limits.memory")(c);

    public override IEnumerable<RuleCase> Deny =>
    [
        new("docker without --memory", Requests.Docker(), "HostConfig.Memory"),
        new("docker --memory-swap -1", Requests.Docker(Memory(64 * MiB, "HostConfig.Memory", -1)), "HostConfig.MemorySwap"),
        new RuleCase("docker above the cap", Requests.Docker(Memory(2048 * MiB, "HostConfig.Memory")), "HostConfig.Memory").With("maxBytes", 1024 * MiB),
        new("pod without limits", Requests.Pod(), "spec.containers[0].resources.limits.memory"),
        new("init container without limits", Requests.PodWithAllKinds(c => c, PodMemory(64 * MiB)), "spec.initContainers[0].resources.limits.memory"),
        new RuleCase("pod above the cap", Requests.Pod(PodMemory(4096 * MiB)), "spec.containers[0].resources.limits.memory").With("maxBytes", 1024 * MiB),
        new("oci without linux.resources.memory.limit", Requests.Oci(), "linux.resources.memory.limit"),
        new("oci swap -1", Requests.Oci(Memory(64 * MiB, "linux.resources.memory.limit", -1, "linux.resources.memory.swap")), "linux.resources.memory.swap"),
    ];

    public override IEnumerable<RuleCase> Allow =>
    [
        new("docker --memory 64m", Requests.Docker(Memory(64 * MiB, "HostConfig.Memory"))),
        new("docker --memory 64m --memory-swap 128m", Requests.Docker(Memory(64 * MiB, "HostConfig.Memory", 128 * MiB))),
        new RuleCase("docker at the cap", Requests.Docker(Memory(1024 * MiB, "HostConfig.Memory"))).With("maxBytes", 1024 * MiB),
        new("pod with limits (ephemeral containers cannot have any)", Requests.PodWithAllKinds(PodMemory(64 * MiB), PodMemory(64 * MiB))),
        new("oci with a limit", Requests.Oci(Memory(64 * MiB, "linux.resources.memory.limit"))),
    ];
}
