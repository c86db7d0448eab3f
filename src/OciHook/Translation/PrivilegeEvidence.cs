using DockerGuard.OciHook.Spec;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Translation;

/// <summary>
/// OCI has no privileged flag: --privileged (podman and Docker) leaves evidence instead, and all of it
/// must be there (oci-hooks.md §3): every capability of the host's bounding set (or at least
/// CAP_SYS_ADMIN, for a host set we could not read), no seccomp, no masked or read-only /proc paths,
/// and a device rule allowing every device. Engine annotations (io.podman.annotations.privileged) are
/// never consulted: a user can write them (fixture podman-forged-annotation).
/// </summary>
internal static class PrivilegeEvidence
{
    public static Field<bool> Assess(OciSpec spec, List<Field<string>> granted, IReadOnlySet<string> hostBounding)
    {
        var linux = spec.Linux;
        var allCaps = granted.Any(g => g.Value == "SYS_ADMIN") ||
            (hostBounding.Count > 0 && hostBounding.All(h => granted.Any(g => g.Value == h)));
        var noSeccomp = linux?.Seccomp is null;
        var noMasking = (linux?.MaskedPaths ?? []).Count == 0 && (linux?.ReadonlyPaths ?? []).Count == 0;
        var rules = linux?.Resources?.Devices ?? [];
        var allDevices = rules.FindIndex(DeviceTranslation.IsAllowAll);

        var privileged = allCaps && noSeccomp && noMasking && allDevices >= 0;
        return Field.Of(privileged, privileged
            ? $"process.capabilities+linux.seccomp+linux.maskedPaths+linux.resources.devices[{allDevices}]"
            : "process.capabilities");
    }
}
