namespace DockerGuard.OciHook.Spec;

/// <summary>
/// The parts of a bundle's config.json (runtime-spec config.md, config-linux.md) that matter to
/// policy. Absent sections stay null: in OCI, absence is itself a setting (no seccomp section means
/// unconfined, no namespace entry means the runtime's own namespace).
/// </summary>
public sealed record OciSpec
{
    public string? OciVersion { get; init; }
    public OciProcess? Process { get; init; }
    public OciRoot? Root { get; init; }
    public List<OciMount>? Mounts { get; init; }
    public Dictionary<string, string>? Annotations { get; init; }
    public OciLinux? Linux { get; init; }
}

public sealed record OciProcess
{
    public OciUser? User { get; init; }
    public List<string>? Args { get; init; }
    public List<string>? Env { get; init; }
    public OciCapabilities? Capabilities { get; init; }
    public bool? NoNewPrivileges { get; init; }
    public string? ApparmorProfile { get; init; }
    public string? SelinuxLabel { get; init; }
}

public sealed record OciUser
{
    public long Uid { get; init; }
    public long Gid { get; init; }
    public string? Username { get; init; }
}

public sealed record OciCapabilities
{
    public List<string>? Bounding { get; init; }
    public List<string>? Effective { get; init; }
    public List<string>? Inheritable { get; init; }
    public List<string>? Permitted { get; init; }
    public List<string>? Ambient { get; init; }
}

public sealed record OciRoot
{
    public string? Path { get; init; }
    public bool? Readonly { get; init; }
}

public sealed record OciMount
{
    public string? Destination { get; init; }
    public string? Type { get; init; }
    public string? Source { get; init; }
    public List<string>? Options { get; init; }
}
