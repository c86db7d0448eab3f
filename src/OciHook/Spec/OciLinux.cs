namespace DockerGuard.OciHook.Spec;

/// <summary>config.json's <c>linux</c> section (runtime-spec config-linux.md).</summary>
public sealed record OciLinux
{
    public List<OciNamespace>? Namespaces { get; init; }
    public List<OciIdMapping>? UidMappings { get; init; }
    public List<OciIdMapping>? GidMappings { get; init; }
    public List<OciDevice>? Devices { get; init; }
    public OciResources? Resources { get; init; }
    public Dictionary<string, string>? Sysctl { get; init; }
    public OciSeccomp? Seccomp { get; init; }
    public List<string>? MaskedPaths { get; init; }
    public List<string>? ReadonlyPaths { get; init; }
    public string? RootfsPropagation { get; init; }
}

public sealed record OciNamespace
{
    public string? Type { get; init; }
    public string? Path { get; init; }
}

public sealed record OciIdMapping
{
    public long ContainerId { get; init; }
    public long HostId { get; init; }
    public long Size { get; init; }
}

public sealed record OciDevice
{
    public string? Path { get; init; }
    public string? Type { get; init; }
    public long? Major { get; init; }
    public long? Minor { get; init; }
}

public sealed record OciResources
{
    public List<OciDeviceRule>? Devices { get; init; }
    public OciMemory? Memory { get; init; }
    public OciPids? Pids { get; init; }
    public OciCpu? Cpu { get; init; }
}

/// <summary>A device cgroup rule; no type/major/minor means "all devices".</summary>
public sealed record OciDeviceRule
{
    public bool Allow { get; init; }
    public string? Type { get; init; }
    public long? Major { get; init; }
    public long? Minor { get; init; }
    public string? Access { get; init; }
}

public sealed record OciMemory
{
    public long? Limit { get; init; }
    public long? Swap { get; init; }
}

public sealed record OciPids
{
    public long? Limit { get; init; }
}

public sealed record OciCpu
{
    public ulong? Shares { get; init; }
}

public sealed record OciSeccomp
{
    public string? DefaultAction { get; init; }
    public List<OciSyscallRule>? Syscalls { get; init; }
}

public sealed record OciSyscallRule
{
    public List<string>? Names { get; init; }
    public string? Action { get; init; }
}
