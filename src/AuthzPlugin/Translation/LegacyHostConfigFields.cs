using DockerGuard.AuthzPlugin.Json;

namespace DockerGuard.AuthzPlugin.Translation;

/// <summary>
/// Daemons up to v26 decode a create body through ContainerConfigWrapper, which embeds HostConfig:
/// HostConfig fields at the top level of the body are honoured when no HostConfig object is given
/// (reference §7 "legacy request shapes"). A plugin reading only <c>HostConfig.Privileged</c> is
/// bypassed by <c>{"Image":"x","Privileged":true}</c>. Any top-level HostConfig field name is refused.
/// </summary>
public static class LegacyHostConfigFields
{
    /// <summary>HostConfig and its embedded Resources, JSON names as moby's api/types/container declares them.</summary>
    public static readonly string[] Names =
    [
        "Binds", "ContainerIDFile", "LogConfig", "NetworkMode", "PortBindings", "RestartPolicy", "AutoRemove",
        "VolumeDriver", "VolumesFrom", "ConsoleSize", "Annotations", "CapAdd", "CapDrop", "CgroupnsMode", "Dns",
        "DnsOptions", "DnsSearch", "ExtraHosts", "GroupAdd", "IpcMode", "Cgroup", "Links", "OomScoreAdj", "PidMode",
        "Privileged", "PublishAllPorts", "ReadonlyRootfs", "SecurityOpt", "StorageOpt", "Tmpfs", "UTSMode",
        "UsernsMode", "ShmSize", "Sysctls", "Runtime", "Isolation", "CpuShares", "Memory", "NanoCpus",
        "CgroupParent", "BlkioWeight", "BlkioWeightDevice", "BlkioDeviceReadBps", "BlkioDeviceWriteBps",
        "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "CpuPeriod", "CpuQuota", "CpuRealtimePeriod",
        "CpuRealtimeRuntime", "CpusetCpus", "CpusetMems", "Devices", "DeviceCgroupRules", "DeviceRequests",
        "KernelMemory", "KernelMemoryTCP", "MemoryReservation", "MemorySwap", "MemorySwappiness", "OomKillDisable",
        "PidsLimit", "Ulimits", "CpuCount", "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth", "Mounts",
        "MaskedPaths", "ReadonlyPaths", "Init", "Cpuset",
    ];

    public static void Reject(GoStruct body)
    {
        foreach (var (key, _) in body.Members)
            foreach (var name in Names)
                // Go's folds map one UTF-16 unit onto one, so only a key of the same length can match.
                if (key.Length == name.Length && GoFold.Matches(key, name))
                    throw new BodyRejectedException(
                        $"{GoJsonParser.Printable(key)} at the top level of a create body is a legacy HostConfig field (daemons up to v26 apply it); put it inside HostConfig", key);
    }
}
