using System.Collections.Immutable;
using DockerGuard.OciHook.Spec;
using DockerGuard.Policy.Model;

namespace DockerGuard.OciHook.Translation;

/// <summary>
/// process.capabilities → added and dropped relative to the runtime default. OCI lists what is
/// granted, in five sets; a capability in any set is granted (an ambient or inheritable one can be
/// raised again). The default is the 14 both podman and Docker grant (oci-hooks.md §3).
/// </summary>
internal static class CapabilityTranslation
{
    public static readonly ImmutableArray<string> RuntimeDefault =
    [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ];

    /// <summary>Granted capability names (no CAP_ prefix) with the first field each was found at, in config order.</summary>
    public static List<Field<string>> Granted(OciCapabilities? caps)
    {
        var granted = new List<Field<string>>();
        if (caps is null) return granted;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Collect(caps.Bounding, "bounding");
        Collect(caps.Effective, "effective");
        Collect(caps.Permitted, "permitted");
        Collect(caps.Inheritable, "inheritable");
        Collect(caps.Ambient, "ambient");
        return granted;

        void Collect(List<string>? set, string name)
        {
            if (set is null) return;
            for (var i = 0; i < set.Count; i++)
            {
                var cap = Normalise(set[i]);
                if (seen.Add(cap)) granted.Add(Field.Of(cap, $"process.capabilities.{name}[{i}]"));
            }
        }
    }

    public static ImmutableArray<Field<string>> Added(List<Field<string>> granted) =>
        [.. granted.Where(g => !RuntimeDefault.Contains(g.Value))];

    public static ImmutableArray<Field<string>> Dropped(List<Field<string>> granted) =>
        [.. RuntimeDefault.Where(d => !granted.Any(g => g.Value == d)).Select(d => Field.Of(d, "process.capabilities"))];

    /// <summary>The model uses Docker's form (SYS_ADMIN). runc only knows exact CAP_ names and skips others with a
    /// warning; counting a spelling it would skip errs towards denial, never towards allowing.</summary>
    private static string Normalise(string name)
    {
        var upper = name.ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }
}
