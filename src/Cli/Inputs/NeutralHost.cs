using DockerGuard.OciHook.Host;

namespace DockerGuard.Cli.Inputs;

/// <summary>
/// The host an <c>oci</c> test input is judged against, the same on every machine (the hook's real view
/// reads /proc): its own namespaces are the host's, <c>/proc/1/ns/&lt;type&gt;</c> resolves to them (pid 1
/// lives in the host's namespaces), and so does Docker's <c>/var/run/docker/netns/default</c> (the bind
/// mount dockerd keeps of the host network namespace for <c>--network host</c>); any other namespace path is some other, non-host namespace, and the
/// bounding set holds every capability up to CAP_CHECKPOINT_RESTORE (40), as on current kernels.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NeutralHost : IHostView
{
    public static readonly NeutralHost Instance = new();

    /// <summary>OCI namespace type → its name under /proc/PID/ns, in a fixed order that numbers the host's namespaces.</summary>
    private static readonly (string Oci, string Proc)[] Types =
        [("network", "net"), ("pid", "pid"), ("ipc", "ipc"), ("uts", "uts"), ("user", "user"), ("cgroup", "cgroup"), ("mount", "mnt"), ("time", "time")];

    private static readonly NamespaceId Elsewhere = new(0, 4, 4026540000);

    public IReadOnlySet<string> BoundingSet { get; } = CapabilityNames.FromMask((1UL << 41) - 1);

    public NamespaceId? OwnNamespace(string ociType) => HostNamespace(ociType);

    public NamespaceId? Resolve(string path, out string? error)
    {
        error = null;
        if (path is "/var/run/docker/netns/default" or "/run/docker/netns/default") return HostNamespace("network");
        foreach (var (oci, proc) in Types)
            if (path == $"/proc/1/ns/{proc}") return HostNamespace(oci);
        return Elsewhere;
    }

    private static NamespaceId? HostNamespace(string ociType)
    {
        var index = Array.FindIndex(Types, t => t.Oci == ociType);
        return index < 0 ? null : new NamespaceId(0, 4, 4026531830UL + (ulong)index);
    }
}
