using System.Collections.Immutable;
using DockerGuard.OciHook.Host;
using DockerGuard.OciHook.Spec;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Translation;

/// <summary>
/// The OCI surface adapter: runtime state + bundle config.json → <see cref="WorkloadRequest"/>.
/// Absence is meaning in OCI, and this is where it is resolved: no namespace entry is the host's,
/// no seccomp is unconfined, no masked paths is an unmasked /proc, no noNewPrivileges allows
/// escalation. Field paths are config.json paths, so a denial names what the engine wrote.
/// </summary>
public static class OciTranslator
{
    public static WorkloadRequest Translate(OciState state, OciSpec spec, IHostView host)
    {
        var id = state.Id ?? "";
        var granted = CapabilityTranslation.Granted(spec.Process?.Capabilities);
        var container = new Container
        {
            Name = ShortId(id),
            Privileged = PrivilegeEvidence.Assess(spec, granted, host.BoundingSet),
            Security = ProcessSecurityTranslation.Translate(spec),
            AllowPrivilegeEscalation = Field.Of(spec.Process?.NoNewPrivileges != true, "process.noNewPrivileges"),
            CapAdd = CapabilityTranslation.Added(granted),
            CapDrop = CapabilityTranslation.Dropped(granted),
            ReadOnlyRootFilesystem = Field.Of(spec.Root?.Readonly == true, "root.readonly"),
            ProcMount = Field.Of((spec.Linux?.MaskedPaths ?? []).Count == 0 ? "Unmasked" : "Default", "linux.maskedPaths"),
            Mounts = MountTranslation.Translate(spec, id),
            Devices = DeviceTranslation.Devices(spec.Linux),
            DeviceCgroupRules = DeviceTranslation.WildcardRules(spec.Linux),
            Limits = LimitsOf(spec.Linux?.Resources),
            EnvNames = EnvNames(spec.Process?.Env),
        };
        return new WorkloadRequest
        {
            Surface = Surface.Oci,
            Operation = Operation.Create,
            Resource = new ResourceRef
            {
                Kind = "Container",
                Id = id,
                Name = ShortId(id),
                Annotations = (state.Annotations ?? spec.Annotations)?.ToImmutableDictionary(StringComparer.Ordinal)
                    ?? ImmutableDictionary<string, string>.Empty,
            },
            Sandbox = new Sandbox
            {
                Namespaces = NamespaceTranslation.Translate(spec.Linux, host),
                Sysctls = SysctlsOf(spec.Linux?.Sysctl),
            },
            Containers = [container],
        };
    }

    /// <summary>The 12-character id engines print (podman ps, docker ps).</summary>
    public static string ShortId(string id) => id.Length > 12 ? id[..12] : id;

    /// <summary>pids -1 and 0 mean no limit (runc), memory -1 unlimited; both normalise to null.</summary>
    private static Limits LimitsOf(OciResources? r) => new()
    {
        Pids = r?.Pids?.Limit is > 0 and var pids ? Field.Of(pids, "linux.resources.pids.limit") : null,
        MemoryBytes = r?.Memory?.Limit is > 0 and var mem ? Field.Of(mem, "linux.resources.memory.limit") : null,
        MemorySwapBytes = r?.Memory?.Swap is { } swap and (> 0 or -1) ? Field.Of(swap, "linux.resources.memory.swap") : null,
        CpuShares = r?.Cpu?.Shares is > 0 and var shares ? Field.Of((long)shares, "linux.resources.cpu.shares") : null,
    };

    private static ImmutableArray<Sysctl> SysctlsOf(Dictionary<string, string>? sysctls) =>
        sysctls is null ? [] : [.. sysctls.Select(kv => new Sysctl(kv.Key, kv.Value, $"linux.sysctl.{kv.Key}"))];

    /// <summary>Names only: values are secrets until proven otherwise and never enter the model.</summary>
    private static ImmutableArray<string> EnvNames(List<string>? env) =>
        env is null ? [] : [.. env.Select(e => e.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0 ? e[..eq] : e)];
}
