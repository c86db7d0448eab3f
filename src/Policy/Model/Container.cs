using System.Collections.Immutable;

namespace DockerGuard.Policy.Model;

/// <summary>
/// Everything security-relevant about one container, already translated out of the surface's
/// wire format. Null (or an empty array) means "not set": adapters turn runtime defaults into
/// explicit facts where the default itself is dangerous (an OCI config without seccomp, say).
/// </summary>
public sealed record Container
{
    public required string Name { get; init; }
    public ContainerKind Kind { get; init; } = ContainerKind.Regular;
    /// <summary>Path prefix of this container's fields (<c>spec.initContainers[1]</c>; empty for Docker and OCI).</summary>
    public string Path { get; init; } = "";

    public Field<string>? Image { get; init; }
    public Field<bool>? Privileged { get; init; }
    public ProcessSecurity Security { get; init; } = ProcessSecurity.Unset;

    /// <summary>False = no_new_privs set (Docker <c>no-new-privileges</c>, OCI <c>noNewPrivileges</c>, Kubernetes <c>allowPrivilegeEscalation: false</c>).</summary>
    public Field<bool>? AllowPrivilegeEscalation { get; init; }

    /// <summary>
    /// Capabilities added, as the runtime will interpret them: adapters normalise where the runtime
    /// does (Docker upper-cases and strips <c>CAP_</c>: "cap_sys_admin" → "SYS_ADMIN"; "all" → "ALL")
    /// and keep the verbatim string where it does not (Kubernetes: PSS compares exact strings, so
    /// "CAP_CHOWN" stays and is not on the allow-list). OCI adds what the config grants beyond the
    /// runtime's default set. Names carry no <c>CAP_</c> prefix unless written so in Kubernetes.
    /// </summary>
    public ImmutableArray<Field<string>> CapAdd { get; init; } = [];
    public ImmutableArray<Field<string>> CapDrop { get; init; } = [];

    public Field<bool>? ReadOnlyRootFilesystem { get; init; }
    /// <summary>"Default" or "Unmasked" (Kubernetes procMount; Docker <c>systempaths=unconfined</c>; OCI without maskedPaths).</summary>
    public Field<string>? ProcMount { get; init; }
    /// <summary>Docker <c>writable-cgroups=true</c>.</summary>
    public Field<bool>? WritableCgroups { get; init; }

    public ImmutableArray<Mount> Mounts { get; init; } = [];
    public ImmutableArray<Device> Devices { get; init; } = [];
    public ImmutableArray<Field<string>> DeviceCgroupRules { get; init; } = [];
    /// <summary>Docker DeviceRequests (GPUs and other driver-provided devices), as "driver:capabilities".</summary>
    public ImmutableArray<Field<string>> DeviceRequests { get; init; } = [];

    public ImmutableArray<PortBinding> Ports { get; init; } = [];
    public Field<bool>? PublishAllPorts { get; init; }

    public Limits Limits { get; init; } = Limits.None;
    public RestartPolicy? RestartPolicy { get; init; }
    public Field<string>? CgroupParent { get; init; }
    /// <summary>Docker <c>HostConfig.Runtime</c>: another runtime bypasses DockerGuard's OCI hook wrapper.</summary>
    public Field<string>? Runtime { get; init; }
    /// <summary>Hosts named by probes and lifecycle handlers (PSS hostProbesAndHostLifecycle).</summary>
    public ImmutableArray<Field<string>> ProbeHosts { get; init; } = [];
    /// <summary>Environment variable names only: values are secrets until proven otherwise and never enter the model.</summary>
    public ImmutableArray<string> EnvNames { get; init; } = [];
}
